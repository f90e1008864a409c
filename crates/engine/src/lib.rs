//! Optimisation algorithms over plain numbers and indices, with no knowledge of volunteers or
//! service users: callers turn their records into indices and scores, and back.

pub mod assignment;
