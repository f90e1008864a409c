//! Small groups are withheld: fewer than five people, no figure.

use alongside_domain::outcomes::{Figure, MIN_GROUP};

#[test]
fn five_is_the_smallest_group_shown() {
    assert_eq!(MIN_GROUP, 5);
    assert_eq!(Figure::from_group(5, || "shown"), Figure::Shown("shown"));
    assert_eq!(
        Figure::from_group(4, || "shown"),
        Figure::Suppressed { n: 4 }
    );
    assert_eq!(
        Figure::from_group(0, || "shown"),
        Figure::Suppressed { n: 0 }
    );
    assert_eq!(Figure::from_group(250, || 1.5), Figure::Shown(1.5));
}

#[test]
fn a_withheld_figure_is_never_worked_out() {
    let figure: Figure<f64> = Figure::from_group(3, || panic!("computed for a group of 3"));
    assert!(figure.is_suppressed());
    assert_eq!(figure.shown(), None);
}

#[test]
fn mapping_keeps_a_withheld_figure_withheld() {
    let shown = Figure::from_group(6, || 0.25).map(|share| share * 100.0);
    assert_eq!(shown.shown(), Some(&25.0));
    assert!(!shown.is_suppressed());
    let withheld = Figure::from_group(2, || 0.25).map(|share| share * 100.0);
    assert_eq!(withheld, Figure::Suppressed { n: 2 });
}

#[test]
fn figures_serialise_with_what_a_report_needs_and_no_more() {
    let shown = serde_json::to_value(Figure::from_group(7, || 3.5)).unwrap();
    assert_eq!(shown, serde_json::json!({ "shown": 3.5 }));
    let withheld = serde_json::to_value(Figure::from_group(1, || 3.5)).unwrap();
    assert_eq!(withheld, serde_json::json!({ "suppressed": { "n": 1 } }));
}
