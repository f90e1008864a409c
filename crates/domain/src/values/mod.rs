//! Validated value types: each is parsed once at the edge and is valid for its whole life.

mod charity_number;
mod email;
mod ods_code;
mod phone;
mod postcode;
mod slug;

pub use charity_number::CharityNumber;
pub use email::Email;
pub use ods_code::OdsCode;
pub use phone::Phone;
pub use postcode::Postcode;
pub use slug::Slug;

/// Why a value could not be parsed, in plain English fit to show beside the form field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidValue(pub String);

impl InvalidValue {
    /// A new message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}
