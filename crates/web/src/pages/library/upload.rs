//! A resource form as posted: `multipart/form-data` with an optional file (what browsers send),
//! or a plain URL-encoded form without one. Never fails: a body that cannot be read (too large,
//! cut off) is reported so the form can say so.

use app::resources::FileUpload;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;
use domain::network::resource::{MAX_RESOURCE_FILE_BYTES, ResourceInput};

use crate::form::FormData;

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
        let multipart = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
        if multipart {
            match Multipart::from_request(request, &()).await {
                Ok(m) => Self::from_multipart(m).await,
                Err(_) => Self::unreadable(),
            }
        } else {
            match Bytes::from_request(request, &()).await {
                Ok(body) => Self {
                    fields: form_urlencoded::parse(&body).into_owned().collect(),
                    ..Self::default()
                },
                Err(_) => Self::unreadable(),
            }
        }
    }

    fn unreadable() -> Self {
        Self {
            unreadable: true,
            ..Self::default()
        }
    }

    async fn from_multipart(mut m: Multipart) -> Self {
        let mut posted = Self::default();
        loop {
            let field = match m.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(_) => {
                    posted.unreadable = true;
                    break;
                }
            };
            let name = field.name().unwrap_or_default().to_owned();
            if name == "file" {
                let file_name = field.file_name().unwrap_or_default().to_owned();
                match field.bytes().await {
                    // A file input left empty still sends an empty part with no name.
                    Ok(bytes) if bytes.is_empty() && file_name.is_empty() => {}
                    Ok(bytes) => {
                        posted.file = Some(FileUpload {
                            file_name,
                            bytes: bytes.to_vec(),
                        });
                    }
                    Err(_) => {
                        posted.unreadable = true;
                        break;
                    }
                }
            } else {
                match field.text().await {
                    Ok(text) => posted.fields.push((name, text)),
                    Err(_) => {
                        posted.unreadable = true;
                        break;
                    }
                }
            }
        }
        posted
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
