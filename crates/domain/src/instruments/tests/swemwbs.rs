use super::super::swemwbs::*;
use super::all;
use crate::Labelled;
use crate::instruments::{Answers, Hundredths, Licence};

/// The raw → metric table as printed in standards.md §2.2, copied independently of `METRIC`.
const TABLE: &str = "
| Raw | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 |
| Metric | 7.00 | 9.51 | 11.25 | 12.40 | 13.33 | 14.08 | 14.75 | 15.32 | 15.84 | 16.36 | 16.88 | 17.43 | 17.98 | 18.59 | 19.25 |
| Raw | 22 | 23 | 24 | 25 | 26 | 27 | 28 | 29 | 30 | 31 | 32 | 33 | 34 | 35 |
| Metric | 19.98 | 20.73 | 21.54 | 22.35 | 23.21 | 24.11 | 25.03 | 26.02 | 27.03 | 28.13 | 29.31 | 30.70 | 32.55 | 35.00 |
";

fn cells(line: &str) -> Vec<&str> {
    line.split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .skip(1)
        .collect()
}

fn published() -> Vec<(u8, String)> {
    let lines: Vec<_> = TABLE.lines().filter(|l| !l.trim().is_empty()).collect();
    lines
        .chunks(2)
        .flat_map(|pair| {
            cells(pair[0])
                .into_iter()
                .map(|r| r.parse::<u8>().unwrap())
                .zip(cells(pair[1]).into_iter().map(str::to_owned))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn all_29_raw_scores_convert_as_published() {
    let rows = published();
    assert_eq!(rows.len(), 29);
    assert_eq!(rows.first().unwrap().0, 7);
    assert_eq!(rows.last().unwrap().0, 35);
    for (raw, metric) in rows {
        assert_eq!(
            metric_for_raw(raw).map(|m| m.to_string()),
            Some(metric),
            "raw {raw}"
        );
    }
    assert_eq!(metric_for_raw(6), None);
    assert_eq!(metric_for_raw(36), None);
    assert_eq!(metric_for_raw(0), None);
}

#[test]
fn metric_rises_with_raw() {
    assert!(METRIC.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn complete_answers_are_summed_and_converted() {
    assert_eq!(
        score(&all(&SWEMWBS, 1)).unwrap(),
        Some(SwemwbsScore {
            raw: 7,
            metric: Hundredths(700)
        })
    );
    assert_eq!(score(&all(&SWEMWBS, 5)).unwrap().unwrap().raw, 35);
    // 4 + 4 + 3 + 4 + 4 + 3 + 4 = 26 → 23.21.
    let answers: Answers = [
        ("q1", 4),
        ("q2", 4),
        ("q3", 3),
        ("q4", 4),
        ("q5", 4),
        ("q6", 3),
        ("q7", 4),
    ]
    .into_iter()
    .collect();
    let s = score(&answers).unwrap().unwrap();
    assert_eq!((s.raw, s.metric.to_string()), (26, "23.21".to_owned()));
}

#[test]
fn any_missing_item_gives_no_score() {
    let mut answers = all(&SWEMWBS, 4);
    answers.set("q7", None);
    assert_eq!(score(&answers).unwrap(), None);
    let six: Answers = SWEMWBS.items[..6].iter().map(|i| (i.code, 5)).collect();
    assert_eq!(score(&six).unwrap(), None);
    assert_eq!(score(&Answers::new()).unwrap(), None);
}

#[test]
fn an_out_of_range_answer_is_refused_naming_the_item() {
    let answers = all(&SWEMWBS, 3).with("q3", 0).with("q5", 6);
    let errors = score(&answers).unwrap_err();
    assert_eq!(errors.0.len(), 2);
    assert_eq!(
        errors.get("q3"),
        Some("Choose an answer from 1 to 5 for \u{201c}I've been feeling relaxed\u{201d}")
    );
    assert!(errors.get("q5").is_some());
}

#[test]
fn change_bands_at_their_thresholds() {
    let h = Hundredths;
    assert_eq!(change_band(h(2000), h(2300)), Change::MeaningfulImprovement);
    assert_eq!(change_band(h(2000), h(2299)), Change::PossibleChange);
    assert_eq!(change_band(h(2000), h(2100)), Change::PossibleChange);
    assert_eq!(change_band(h(2000), h(2099)), Change::NoChange);
    assert_eq!(change_band(h(2000), h(2000)), Change::NoChange);
    assert_eq!(change_band(h(2000), h(1901)), Change::NoChange);
    assert_eq!(change_band(h(2000), h(1900)), Change::PossibleChange);
    assert_eq!(change_band(h(2000), h(1701)), Change::PossibleChange);
    assert_eq!(change_band(h(2000), h(1700)), Change::MeaningfulDecline);
    // Raw 20 → 23 is 18.59 → 20.73: +2.14.
    let before = metric_for_raw(20).unwrap();
    let after = metric_for_raw(23).unwrap();
    assert_eq!(change_band(before, after), Change::PossibleChange);
}

#[test]
fn licence_carries_the_exact_copyright_line() {
    assert_eq!(
        SWEMWBS.licence,
        Licence::RegistrationRequired {
            copyright_line: "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health \
                Scotland, University of Warwick and University of Edinburgh, 2008, all rights \
                reserved."
        }
    );
}

#[test]
fn no_clinical_labels() {
    let words: Vec<&str> = Change::ALL
        .iter()
        .map(|c| c.label())
        .chain(SWEMWBS.scale.options.iter().map(|o| o.label))
        .chain([SWEMWBS.title, SWEMWBS.instruction])
        .collect();
    for word in words {
        let lower = word.to_lowercase();
        for clinical in ["depress", "clinical", "disorder", "diagnos", "probable"] {
            assert!(!lower.contains(clinical), "{word}");
        }
    }
}
