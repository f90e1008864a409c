use super::super::loneliness::*;
use super::all;
use crate::Labelled;
use crate::instruments::Answers;

#[test]
fn ucla_totals_run_from_three_to_nine() {
    let lowest = score_ucla3(&all(&UCLA3, 1)).unwrap().unwrap();
    assert_eq!(lowest.total, 3);
    assert!(!lowest.often_lonely());
    let highest = score_ucla3(&all(&UCLA3, 3)).unwrap().unwrap();
    assert_eq!(highest.total, 9);
    assert!(highest.often_lonely());
}

#[test]
fn ucla_often_lonely_flag_starts_at_six() {
    assert!(!UclaScore { total: 5 }.often_lonely());
    assert!(UclaScore { total: 6 }.often_lonely());
    let a: Answers = [("q1", 2), ("q2", 2), ("q3", 1)].into_iter().collect();
    assert_eq!(score_ucla3(&a).unwrap(), Some(UclaScore { total: 5 }));
}

#[test]
fn ucla_missing_item_gives_no_score() {
    let a: Answers = [("q1", 3), ("q3", 3)].into_iter().collect();
    assert_eq!(score_ucla3(&a).unwrap(), None);
}

#[test]
fn ucla_out_of_range_is_refused_naming_the_item() {
    let errors = score_ucla3(&all(&UCLA3, 2).with("q2", 4)).unwrap_err();
    assert_eq!(
        errors.get("q2"),
        Some("Choose an answer from 1 to 3 for \u{201c}How often do you feel left out?\u{201d}")
    );
}

#[test]
fn ucla_scale_words() {
    let labels: Vec<_> = UCLA3
        .scale
        .options
        .iter()
        .map(|o| (o.value, o.label))
        .collect();
    assert_eq!(
        labels,
        [
            (1, "Hardly ever or never"),
            (2, "Some of the time"),
            (3, "Often")
        ]
    );
}

#[test]
fn direct_question_reports_the_category() {
    let labels: Vec<_> = Frequency::ALL.iter().map(|f| f.label()).collect();
    assert_eq!(
        labels,
        [
            "Often/always",
            "Some of the time",
            "Occasionally",
            "Hardly ever",
            "Never"
        ]
    );
    for (i, option) in ONS_DIRECT.scale.options.iter().enumerate() {
        let f = Frequency::from_value(option.value).unwrap();
        assert_eq!(f, Frequency::ALL[i]);
        assert_eq!(f.label(), option.label);
        let a = Answers::new().with(DIRECT, option.value);
        assert_eq!(direct_answer(&a).unwrap(), Some(f));
    }
    assert_eq!(direct_answer(&Answers::new()).unwrap(), None);
}

#[test]
fn direct_question_refuses_values_off_the_list() {
    for bad in [0, 6] {
        let errors = direct_answer(&Answers::new().with(DIRECT, bad)).unwrap_err();
        assert!(errors.get(DIRECT).is_some());
    }
}
