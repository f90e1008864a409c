//! A form as posted with an optional file: `multipart/form-data` (what browsers send when the
//! form has a file input), or a plain URL-encoded form without one. Never fails: a body that
//! cannot be read (too large, cut off) is reported so the form can say so.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;

/// What a form with a file input sent.
#[derive(Debug, Default)]
pub(crate) struct PostedForm {
    /// Every other field, in order.
    pub(crate) fields: Vec<(String, String)>,
    /// The file's name and bytes, if one was chosen.
    pub(crate) file: Option<(String, Vec<u8>)>,
    /// Whether the body could not be read to the end (most often: too large).
    pub(crate) unreadable: bool,
}

impl PostedForm {
    fn unreadable() -> Self {
        Self {
            unreadable: true,
            ..Self::default()
        }
    }

    /// Reads a request's form, whichever encoding it uses; the file is the field `file_field`.
    pub(crate) async fn read(request: Request, file_field: &str) -> Self {
        let multipart = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
        if !multipart {
            return match Bytes::from_request(request, &()).await {
                Ok(body) => Self {
                    fields: form_urlencoded::parse(&body).into_owned().collect(),
                    ..Self::default()
                },
                Err(_) => Self::unreadable(),
            };
        }
        let Ok(mut m) = Multipart::from_request(request, &()).await else {
            return Self::unreadable();
        };
        let mut posted = Self::default();
        loop {
            let field = match m.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(_) => return Self::unreadable(),
            };
            let name = field.name().unwrap_or_default().to_owned();
            if name == file_field {
                let file_name = field.file_name().unwrap_or_default().to_owned();
                match field.bytes().await {
                    // A file input left empty still sends an empty part with no name.
                    Ok(bytes) if bytes.is_empty() && file_name.is_empty() => {}
                    Ok(bytes) => posted.file = Some((file_name, bytes.to_vec())),
                    Err(_) => return Self::unreadable(),
                }
            } else {
                match field.text().await {
                    Ok(text) => posted.fields.push((name, text)),
                    Err(_) => return Self::unreadable(),
                }
            }
        }
        posted
    }
}
