//! A claim form as posted: `multipart/form-data` with an optional receipt file (what browsers
//! send), or a plain URL-encoded form without one. Never fails: a body that cannot be read (too
//! large, cut off) is reported so the form can say so.

use app::expenses::ReceiptUpload;
use axum::body::Bytes;
use axum::extract::Request;
use domain::expenses::{ClaimInput, MAX_RECEIPT_BYTES};

use crate::form::FormData;
use crate::posted_form::PostedForm;

/// The largest request body a claim form may send: the largest receipt and room for the fields.
pub const MAX_BODY_BYTES: usize = MAX_RECEIPT_BYTES + 256 * 1024;

/// What a claim form sent.
#[derive(Debug, Default)]
pub struct Posted {
    fields: Vec<(String, String)>,
    /// The receipt file, if one was chosen.
    pub receipt: Option<ReceiptUpload>,
    /// Whether the body could not be read to the end (most often: too large).
    pub unreadable: bool,
}

impl Posted {
    /// Reads a request's form, whichever encoding it uses.
    pub async fn read(request: Request) -> Self {
        let posted = PostedForm::read(request, "receipt").await;
        Self {
            fields: posted.fields,
            receipt: posted
                .file
                .map(|(file_name, bytes)| ReceiptUpload { file_name, bytes }),
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

    /// The claim's fields.
    pub fn claim(&self) -> ClaimInput {
        ClaimInput {
            category: self.get("category"),
            date: self.get("date"),
            description: self.get("description"),
            amount: self.get("amount"),
            vehicle: self.get("vehicle"),
            miles: self.get("miles"),
            role_id: self.get("role_id"),
            shift_id: self.get("shift_id"),
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
