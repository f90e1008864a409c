//! Guessing which column holds which field from the file's headers ("Surname", "Last name",
//! "Post Code", "E-mail", "DOB" …).

use super::mapping::Mapping;
use super::{ImportKind, fields};

/// A header as compared: lower case, letters and digits only ("E-mail" and "Email" are alike).
pub fn normalise_header(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The mapping the headers suggest: each field takes the first unused column whose header is
/// one of its names; then each column left takes the field still without one whose longer name
/// (five letters or more) it contains, the longest such name winning ("Email address of
/// volunteer" holds the email).
pub fn guess_mapping(kind: ImportKind, headers: &[String]) -> Mapping {
    let normalised: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let specs = fields(kind);
    let mut taken = vec![false; headers.len()];
    let mut chosen: Vec<Option<usize>> = vec![None; specs.len()];
    for (f, spec) in specs.iter().enumerate() {
        if let Some(i) = (0..headers.len())
            .find(|&i| !taken[i] && spec.headers.contains(&normalised[i].as_str()))
        {
            taken[i] = true;
            chosen[f] = Some(i);
        }
    }
    for i in 0..headers.len() {
        if taken[i] {
            continue;
        }
        // The field whose name inside this header is longest ("emailaddress" beats "volunteer").
        let best = specs
            .iter()
            .enumerate()
            .filter(|(f, _)| chosen[*f].is_none())
            .filter_map(|(f, spec)| {
                spec.headers
                    .iter()
                    .filter(|name| name.len() >= 5 && normalised[i].contains(*name))
                    .map(|name| name.len())
                    .max()
                    .map(|len| (len, f))
            })
            .max_by_key(|(len, f)| (*len, std::cmp::Reverse(*f)));
        if let Some((_, f)) = best {
            taken[i] = true;
            chosen[f] = Some(i);
        }
    }
    let mut mapping = Mapping::default();
    for (f, spec) in specs.iter().enumerate() {
        if let Some(i) = chosen[f] {
            mapping.set(spec.key, &headers[i]);
        }
    }
    mapping
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_compare_without_case_or_punctuation() {
        assert_eq!(normalise_header(" E-mail "), "email");
        assert_eq!(normalise_header("Post Code"), "postcode");
        assert_eq!(normalise_header("D.O.B."), "dob");
    }

    #[test]
    fn common_people_headers_are_recognised() {
        let h = headers(&[
            "Forename",
            "Surname",
            "E-mail",
            "DOB",
            "Post Code",
            "Mobile",
            "Volunteer Role",
            "Status",
            "Date joined",
            "Shoe size",
        ]);
        let m = guess_mapping(ImportKind::People, &h);
        assert_eq!(m.column_for("given_name"), Some("Forename"));
        assert_eq!(m.column_for("family_name"), Some("Surname"));
        assert_eq!(m.column_for("email"), Some("E-mail"));
        assert_eq!(m.column_for("date_of_birth"), Some("DOB"));
        assert_eq!(m.column_for("postcode"), Some("Post Code"));
        assert_eq!(m.column_for("phone"), Some("Mobile"));
        assert_eq!(m.column_for("role"), Some("Volunteer Role"));
        assert_eq!(m.column_for("status"), Some("Status"));
        assert_eq!(m.column_for("started_on"), Some("Date joined"));
        assert_eq!(m.column_for("full_name"), None);
        assert!(!m.columns().any(|c| c == "Shoe size"));
    }

    #[test]
    fn other_spellings_and_longer_headers() {
        let h = headers(&[
            "Last name",
            "First name",
            "Email address of volunteer",
            "Date of Birth",
        ]);
        let m = guess_mapping(ImportKind::People, &h);
        assert_eq!(m.column_for("family_name"), Some("Last name"));
        assert_eq!(m.column_for("given_name"), Some("First name"));
        assert_eq!(m.column_for("email"), Some("Email address of volunteer"));
        assert_eq!(m.column_for("date_of_birth"), Some("Date of Birth"));
    }

    #[test]
    fn one_column_is_never_given_two_fields() {
        let h = headers(&["Email"]);
        let m = guess_mapping(ImportKind::People, &h);
        assert_eq!(m.column_for("email"), Some("Email"));
        assert_eq!(m.columns().count(), 1);
    }
}
