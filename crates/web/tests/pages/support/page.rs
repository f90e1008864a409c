//! A response read whole, with assertions about its status, text and error summary.

use axum::http::header::LOCATION;
use axum::http::{HeaderMap, StatusCode};

/// A response, read whole.
#[derive(Debug)]
pub struct Page {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body as text.
    pub body: String,
    /// Body as sent, for files that are not text.
    pub bytes: Vec<u8>,
}

impl Page {
    /// The `Location` header, if any.
    pub fn location(&self) -> Option<&str> {
        self.headers.get(LOCATION).and_then(|v| v.to_str().ok())
    }

    /// Asserts a redirect and returns where to.
    #[track_caller]
    pub fn redirect(&self) -> &str {
        assert!(
            self.status.is_redirection(),
            "expected a redirect, got {}: {}",
            self.status,
            excerpt(&self.body)
        );
        self.location().expect("a redirect has a Location")
    }

    /// Asserts the status, showing the page when it differs.
    #[track_caller]
    pub fn assert_status(&self, status: StatusCode) -> &Self {
        assert_eq!(
            self.status,
            status,
            "unexpected status; location {:?}; body: {}",
            self.location(),
            excerpt(&self.body)
        );
        self
    }

    /// Asserts the body contains `text`.
    #[track_caller]
    pub fn assert_contains(&self, text: &str) -> &Self {
        assert!(
            self.body.contains(text),
            "expected {text:?} in the page ({}): {}",
            self.status,
            excerpt(&self.body)
        );
        self
    }

    /// Asserts the body does not contain `text`.
    #[track_caller]
    pub fn assert_lacks(&self, text: &str) -> &Self {
        assert!(
            !self.body.contains(text),
            "did not expect {text:?} in the page ({}): {}",
            self.status,
            excerpt(&self.body)
        );
        self
    }

    /// The `_csrf` hidden input's value.
    #[track_caller]
    pub fn csrf(&self) -> String {
        attribute_after(&self.body, r#"name="_csrf" value=""#)
            .unwrap_or_else(|| panic!("no _csrf field in: {}", excerpt(&self.body)))
    }

    /// The `<body>` element's class.
    #[track_caller]
    pub fn body_class(&self) -> String {
        attribute_after(&self.body, r#"<body class=""#).expect("a <body class>")
    }

    /// The table row (`<tr>…</tr>`) containing `needle`, if any.
    pub fn row(&self, needle: &str) -> Option<&str> {
        let at = self.body.find(needle)?;
        let start = self.body[..at].rfind("<tr")?;
        let end = at + self.body[at..].find("</tr>")?;
        Some(&self.body[start..end])
    }

    /// Asserts the page is a 422 with an error summary linking to exactly the fields given, in any
    /// order, and that every link in the summary leads to an element on the page.
    #[track_caller]
    pub fn assert_errors(&self, fields: &[&str]) -> &Self {
        self.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        self.assert_contains(
            r#"<h2 class="error-summary-title" id="error-summary-title">There is a problem</h2>"#,
        );
        assert!(
            self.body.contains("<title>Error: "),
            "the title should start with \"Error: \""
        );
        let summary_start = self
            .body
            .find("error-summary-list")
            .expect("a summary list");
        let summary_end = summary_start
            + self.body[summary_start..]
                .find("</ul>")
                .expect("end of list");
        let summary = &self.body[summary_start..summary_end];
        let mut linked: Vec<String> = summary
            .split(r##"href="#"##)
            .skip(1)
            .filter_map(|s| s.split('"').next().map(str::to_owned))
            .collect();
        for field in &linked {
            assert!(
                self.body.contains(&format!(r#"id="{field}""#)),
                "the error summary links to #{field}, but nothing on the page has that id"
            );
        }
        linked.sort();
        linked.dedup();
        // A date's link goes to its first box, the day.
        let mut expected: Vec<String> = fields
            .iter()
            .map(|f| {
                if *f == "date_of_birth" {
                    "date_of_birth-day".to_owned()
                } else {
                    (*f).to_owned()
                }
            })
            .collect();
        expected.sort();
        assert_eq!(linked, expected, "fields linked from the error summary");
        self
    }
}

/// The value of the attribute whose opening text is `prefix`, up to the closing quote.
pub fn attribute_after(html: &str, prefix: &str) -> Option<String> {
    let at = html.find(prefix)? + prefix.len();
    let end = html[at..].find('"')?;
    Some(html[at..at + end].to_owned())
}

/// The start of a long body, for failure messages.
pub fn excerpt(body: &str) -> String {
    let main = body.find("<main").map_or(body, |at| &body[at..]);
    main.chars().take(1500).collect()
}
