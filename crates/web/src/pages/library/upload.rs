//! A resource form as posted: `multipart/form-data` with an optional file (what browsers send),
//! or a plain URL-encoded form without one. Never fails: a body that cannot be read (too large,
//! cut off) is reported so the form can say so.

use app::resources::FileUpload;
use axum::body::Bytes;
use axum::extract::Request;
use domain::network::resource::{MAX_RESOURCE_FILE_BYTES, ResourceInput};

use crate::form::FormData;
use crate::posted_form::PostedForm;

/// The largest request body a resource form may send: the largest file and room for the fields.
pub const MAX_BODY_BYTES: usize = MAX_RESOURCE_FILE_BYTES + 256 * 1024;

/// What a resource form sent.
#[derive(Debug, Default)]
pub struct Posted {
    fields: Vec<(String, String)>,
    /// The file, if one was chosen.
    pub file: Option<FileUpload>,
    /// Whether the body could not be read to the end (most often: too large).
    pub unreadable: bool,
}

impl Posted {
    /// Reads a request's form, whichever encoding it uses.
    pub async fn read(request: Request) -> Self {
        let posted = PostedForm::read(request, "file").await;
        Self {
            fields: posted.fields,
            file: posted
                .file
                .map(|(file_name, bytes)| FileUpload { file_name, bytes }),
            unreadable: posted.unreadable,
        }
    }

    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// The resource's fields.
    pub fn input(&self) -> ResourceInput {
        ResourceInput {
            title: self.get("title"),
            summary: self.get("summary"),
            kind: self.get("kind"),
            audience: self.get("audience"),
            tags: self.get("tags"),
            owner: self.get("owner"),
            review_on: self.get("review_on"),
            link: self.get("link"),
        }
    }

    /// As plain form data, for the anti-forgery check.
    pub fn form(&self) -> FormData {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.fields {
            s.append_pair(k, v);
        }
        FormData::parse(&Bytes::from(s.finish()))
    }
}
