//! The application layer's one error type; `web` maps it to HTTP in one place.

use domain::FieldErrors;

use crate::ports::StoreError;

/// Why a use case did not complete. Nothing was changed when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not signed in, or the credentials are wrong.
    #[error("sign in required")]
    Unauthenticated,
    /// Signed in, but this person may not do this in this organisation.
    #[error("not allowed")]
    Forbidden,
    /// No such record (or it belongs to another organisation: the same answer, by design).
    #[error("not found")]
    NotFound,
    /// The input is invalid; each problem names its field.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// Someone else changed the record first, or it would duplicate another.
    #[error("conflict: {0}")]
    Conflict(String),
    /// Too many attempts; try again later.
    #[error("too many attempts")]
    RateLimited,
    /// Something failed that the user cannot fix.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        Self::Invalid(errors)
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict(what) => Self::Conflict(what),
            StoreError::Unavailable(why) | StoreError::Other(why) => Self::Internal(why),
        }
    }
}
