//! Accessible SVG charts drawn on the server: each has a title and a description for screen
//! readers, prints its values beside the bars, and sits next to a table with the same figures.

use std::fmt::Write;

/// One bar: its label, its length as a share of the whole width (0 to 1), and the value shown.
pub(crate) struct Bar {
    /// The label at the left.
    pub label: String,
    /// Length, 0 to 1; `None` draws no bar (a withheld figure).
    pub share: Option<f64>,
    /// The value printed after the bar, e.g. "82%" or "fewer than 5".
    pub text: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal bar chart with `id` (for its title and description), `title` and a sentence
/// `description` saying what it shows and where the table is.
pub(crate) fn bar_chart(id: &str, title: &str, description: &str, bars: &[Bar]) -> String {
    const LABEL: f64 = 250.0;
    const BAR: f64 = 320.0;
    const ROW: f64 = 30.0;
    let height = ROW * bars.len() as f64 + 10.0;
    let width = LABEL + BAR + 110.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(description)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = ROW * i as f64 + 5.0;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL - 8.0,
            y + 17.0,
            escape(&bar.label)
        );
        let length = bar
            .share
            .map_or(0.0, |s| (s.clamp(0.0, 1.0) * BAR).max(1.0));
        if bar.share.is_some() {
            let _ = write!(
                svg,
                "<rect x=\"{LABEL}\" y=\"{}\" width=\"{length:.1}\" height=\"20\" fill=\"#005eb8\"/>",
                y + 2.0
            );
        }
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            LABEL + length + 6.0,
            y + 17.0,
            escape(&bar.text)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_labelled_images_with_escaped_text_and_no_bar_for_withheld_figures() {
        let svg = bar_chart(
            "exp",
            "Agreeing <by theme>",
            "Share agreeing; the table below has the figures.",
            &[
                Bar {
                    label: "Support & belonging".into(),
                    share: Some(0.5),
                    text: "50%".into(),
                },
                Bar {
                    label: "Flexibility".into(),
                    share: None,
                    text: "fewer than 5".into(),
                },
            ],
        );
        assert!(svg.starts_with(
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"exp-title exp-desc\""
        ));
        assert!(svg.contains("<title id=\"exp-title\">Agreeing &lt;by theme&gt;</title>"));
        assert!(svg.contains("Support &amp; belonging"));
        assert_eq!(
            svg.matches("<rect").count(),
            1,
            "the withheld figure draws no bar"
        );
        assert!(
            svg.contains("width=\"160.0\""),
            "half of the 320-wide bar area"
        );
    }
}
