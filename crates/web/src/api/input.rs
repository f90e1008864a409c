//! Reading requests leniently: JSON bodies into all-defaulted structs, text fields that accept
//! numbers and null, and path ids where anything that is not a UUID is simply not found.

use std::str::FromStr;

use app::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::problem::ApiError;

/// Parses a JSON object request body. Unknown fields are ignored and missing ones take their defaults;
/// anything that is not JSON of the right shape is a 400 naming the problem.
pub fn json<T: DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => {
            return Err(ApiError::MalformedBody(
                "the body is empty; send a JSON object".into(),
            ));
        }
        Some(b'{') => {}
        Some(_) => {
            return Err(ApiError::MalformedBody(
                "the body must be a JSON object, like {\"name\": \"…\"}".into(),
            ));
        }
    }
    serde_json::from_slice(body).map_err(|e| ApiError::MalformedBody(e.to_string()))
}

/// Deserialises a text field leniently: a string as it is, a number as its digits, null as "".
pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(String::new()),
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(_) => Err(D::Error::custom("expected text, found true or false")),
        Value::Array(_) => Err(D::Error::custom("expected text, found a list")),
        Value::Object(_) => Err(D::Error::custom("expected text, found an object")),
    }
}

/// Deserialises a list of text leniently: null is an empty list, and each item as [`text`].
pub fn text_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .into_iter()
            .map(|item| text(item).map_err(D::Error::custom))
            .collect(),
        _ => Err(D::Error::custom("expected a list")),
    }
}

/// Deserialises a list given either as a list or as one comma-separated text, into one
/// comma-separated text (how the domain reads lists such as interests).
pub fn text_or_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Array(items) => Ok(items
            .into_iter()
            .map(|item| text(item).map_err(D::Error::custom))
            .collect::<Result<Vec<_>, _>>()?
            .join(", ")),
        other => text(other).map_err(D::Error::custom),
    }
}

/// An id given in a body or query as `field`. Blank or not an id is an error naming `field`
/// (a 422, not a 404: the address was found; what it was sent was not right).
pub fn given_id<T: FromStr>(
    raw: &str,
    field: &str,
    what: &str,
    errors: &mut domain::FieldErrors,
) -> Option<T> {
    let found = raw.trim().parse().ok();
    if found.is_none() {
        errors.add(field, format!("Give the id of {what}"));
    }
    found
}

/// Renames the fields of an invalid-input error, where the use case names a field otherwise
/// than this request does; `rename` gives the request's name. Other errors pass unchanged.
pub fn rename_fields(error: AppError, rename: impl Fn(&str) -> Option<String>) -> AppError {
    match error {
        AppError::Invalid(errors) => {
            let mut renamed = domain::FieldErrors::new();
            for e in errors.0 {
                let field = rename(&e.field).unwrap_or(e.field);
                renamed.add(&field, e.message);
            }
            AppError::Invalid(renamed)
        }
        other => other,
    }
}

/// An identifier from the URL path. One that does not parse (not a UUID) is not found.
#[derive(Debug, Clone, Copy)]
pub struct Id<T>(pub T);

impl<S, T> FromRequestParts<S> for Id<T>
where
    S: Send + Sync,
    T: FromStr + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        raw.trim()
            .parse()
            .map(Id)
            .map_err(|_| AppError::NotFound.into())
    }
}

/// A query string's value for `name` (the first, trimmed), or `None` when absent or blank.
pub fn query_value(raw: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(raw.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// A closed list's code from the query value `name`: `None` when absent or blank, and when
/// not one of the codes, an error naming `name` that lists them.
pub fn query_code<T: domain::Labelled>(
    raw: &str,
    name: &str,
    errors: &mut domain::FieldErrors,
) -> Option<T> {
    let code = query_value(raw, name)?;
    let found = T::from_code(&code);
    if found.is_none() {
        let label = name[..1].to_uppercase() + &name[1..].replace('_', " ");
        errors.add(name, format!("{label} must be {}", all_codes::<T>()));
    }
    found
}

/// The `page` and `per_page` query values, each checked, with errors named by parameter.
pub fn paging(raw: &str, errors: &mut domain::FieldErrors) -> (Option<u32>, Option<u32>) {
    let mut number = |name: &str, max: u32, message: &str| {
        query_value(raw, name).and_then(|v| match v.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Some(n),
            _ => {
                errors.add(name, message);
                None
            }
        })
    };
    let page = number("page", u32::MAX, "Page must be a whole number, 1 or more");
    let per_page = number(
        "per_page",
        500,
        "Per page must be a whole number from 1 to 500",
    );
    (page, per_page)
}

/// A list's codes for a message, e.g. "enquiry, applicant or left".
pub fn all_codes<T: domain::Labelled>() -> String {
    let codes: Vec<&str> = T::ALL.iter().map(|v| v.code()).collect();
    match codes.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The `page` and `per_page` of a list with no other filters: defaults 1 and 50, or a 422.
pub fn list_paging(raw: Option<&str>) -> Result<super::views::Paging, super::problem::ApiError> {
    let mut errors = domain::FieldErrors::new();
    let (page, per_page) = paging(raw.unwrap_or_default(), &mut errors);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok(super::views::Paging {
        page: page.unwrap_or(1),
        per_page: per_page.unwrap_or(super::people::DEFAULT_PER_PAGE),
    })
}

/// Paging for lists that have no other filters, for the OpenAPI document.
#[derive(Debug, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the parameters for the OpenAPI document; `list_paging` reads them"
)]
pub struct PagingQuery {
    /// The page, from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<u32>,
    /// Items per page, 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}
