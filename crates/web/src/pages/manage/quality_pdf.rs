//! The board report as a PDF: the same headline figures, bars and tables as the page, with the
//! method notes and the suppression rule, laid out for A4.

use app::quality_report::QualityReport;
use domain::outcomes::MIN_GROUP;

use super::quality::Headline;
use super::quality_tables::{Table, experience_bars, retention_bars};
use crate::charts::Bar;
use crate::layout::nhs_date;
use crate::pdf::Pdf;

/// Column widths (as shares) for each table, by its id.
fn widths(table: &Table) -> Vec<f64> {
    match table.id {
        "wellbeing" => vec![3.2, 0.8, 0.9, 0.9, 0.9, 2.0, 1.0, 1.1, 1.1],
        "retention" => vec![3.0, 1.5, 2.0],
        "outcomes" => vec![2.5, 2.5, 1.5, 1.5],
        "feedback" => vec![4.0, 1.5, 1.0],
        _ => vec![3.5, 1.2, 1.2, 1.0],
    }
}

fn bars(pdf: &mut Pdf, bars: &[Bar]) {
    for b in bars {
        pdf.bar(&b.label, b.share, &b.text);
    }
    pdf.gap(8.0);
}

/// The PDF of the report for `organisation`.
pub(super) fn board_report(
    organisation: &str,
    report: &QualityReport,
    headlines: &[Headline],
    tables: &[Table],
) -> Vec<u8> {
    let period = format!("{} to {}", nhs_date(&report.from), nhs_date(&report.to));
    let mut pdf = Pdf::new(&format!("{organisation}: quality and outcomes, {period}"));
    pdf.heading("Quality and outcomes", 18.0);
    pdf.paragraph(&format!("{organisation}, {period}"), 11.0, false);
    pdf.paragraph(
        &format!(
            "Figures about fewer than {MIN_GROUP} people are withheld and show as \
             \u{201c}fewer than {MIN_GROUP}\u{201d}."
        ),
        9.0,
        false,
    );
    pdf.heading("At a glance", 13.0);
    for h in headlines {
        pdf.paragraph(
            &format!("{}: {} ({})", h.label, h.value, h.note),
            10.0,
            false,
        );
    }
    pdf.heading("Volunteers agreeing, by theme of their experience", 13.0);
    bars(&mut pdf, &experience_bars(report));
    for t in tables {
        if t.id == "retention" {
            pdf.heading("Still volunteering 12 months after starting", 13.0);
            bars(&mut pdf, &retention_bars(report));
        }
        pdf.heading(&t.caption, 11.0);
        if t.rows.is_empty() {
            pdf.paragraph("Nothing recorded in this period.", 9.0, false);
        } else {
            pdf.table(&t.headers, &t.rows, &widths(t));
        }
    }
    pdf.heading("How these figures are worked out", 13.0);
    for note in [
        "Experience: one statement per theme of Alongside's volunteer experience survey, answered \
         from 1 (strongly disagree) to 5 (strongly agree); agreeing counts agree and strongly agree.",
        "Retention: a Kaplan\u{2013}Meier estimate from the day each volunteer first became active; \
         those still volunteering count for as long as they have been, not as leavers.",
        "Wellbeing change: each volunteer's first answers paired with their latest follow-up in \
         the period; mean change with a 95% confidence interval (Student's t) and effect size d_z. \
         Meaningful change for one person: 3 points on SWEMWBS (Shah and others, 2018); 1 point on \
         the ONS scales and the UCLA score and 0.5 on the resilience scale (our conventions). \
         Anonymous answers cannot be paired and are not used.",
        &format!(
            "Value of time: {} Hours count attended shifts and approved hours logged outside shifts.",
            report.time_given.method
        ),
        "Staff time released: tasks logged \u{d7} the minutes each releases, as set in each role's \
         outcome framework.",
    ] {
        pdf.paragraph(note, 9.0, false);
    }
    for line in &report.copyright_lines {
        pdf.paragraph(line, 8.0, false);
    }
    pdf.finish()
}
