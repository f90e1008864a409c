//! Standing commitments: a volunteer's regular slot books them into each occurrence.
