use super::super::feedback::*;
use crate::Labelled;
use crate::instruments::{ALL, Answers, Hundredths, ItemKind, Licence, MAX_TEXT, experience, find};

fn rated(value: u8) -> Answers {
    Answers::new().with(OVERALL, value)
}

fn responses(values: &[u8]) -> Vec<Answers> {
    values.iter().map(|&v| rated(v)).collect()
}

#[test]
fn both_instruments_are_listed_and_found_by_code_and_version() {
    for instrument in [&SUPPORT_FEEDBACK, &STAFF_FEEDBACK] {
        assert!(ALL.iter().any(|i| std::ptr::eq(*i, instrument)));
        assert_eq!(find(instrument.code, 1), Some(instrument));
        assert_eq!(find(instrument.code, 2), None);
        assert_eq!(instrument.licence, Licence::Original);
    }
    assert_eq!(
        find("support_feedback", 1).unwrap().code,
        "support_feedback"
    );
    assert_eq!(find("staff_feedback", 1).unwrap().code, "staff_feedback");
    assert!(
        SUPPORT_FEEDBACK
            .citation
            .contains("https://www.england.nhs.uk/fft/")
    );
}

#[test]
fn support_feedback_has_the_fft_answers_a_why_and_who_is_answering() {
    let labels: Vec<_> = RATING_SCALE.options.iter().map(|o| o.label).collect();
    assert_eq!(
        labels,
        [
            "Very good",
            "Good",
            "Neither good nor poor",
            "Poor",
            "Very poor",
            "Don't know"
        ]
    );
    for option in RATING_SCALE.options {
        let rating = Rating::from_value(option.value).unwrap();
        assert_eq!(rating.label(), option.label);
    }
    for option in ANSWERED_BY_CHOICES.options {
        assert_eq!(
            AnsweredBy::from_value(option.value).unwrap().label(),
            option.label
        );
    }
    assert_eq!(Rating::from_value(0), None);
    assert_eq!(Rating::from_value(7), None);
    let kinds: Vec<_> = SUPPORT_FEEDBACK.items.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [
            ItemKind::Scale,
            ItemKind::FreeText,
            ItemKind::Choice(&ANSWERED_BY_CHOICES)
        ]
    );
}

#[test]
fn staff_feedback_reuses_the_agreement_scale_with_two_free_text_items() {
    assert!(std::ptr::eq(STAFF_FEEDBACK.scale, &experience::SCALE));
    let kinds: Vec<_> = STAFF_FEEDBACK.items.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [ItemKind::Scale, ItemKind::FreeText, ItemKind::FreeText]
    );
}

#[test]
fn tally_counts_each_answer_and_unanswered() {
    let mut all = responses(&[1, 1, 1, 2, 3, 4, 5, 5, 6, 6]);
    all.push(Answers::new().with_text(WHY, "No rating given"));
    let mut skipped = Answers::new();
    skipped.set(OVERALL, None);
    all.push(skipped);
    all.push(rated(9));
    let tally = tally(&all);
    assert_eq!(
        tally,
        RatingTally {
            very_good: 3,
            good: 1,
            neither: 1,
            poor: 1,
            very_poor: 2,
            dont_know: 2,
            unanswered: 3,
        }
    );
    assert_eq!(tally.count(Rating::VeryPoor), 2);
    assert_eq!(tally.count(Rating::DontKnow), 2);
    let total: u32 = Rating::ALL.iter().map(|&r| tally.count(r)).sum();
    assert_eq!(total + tally.unanswered, 13);
}

#[test]
fn positive_share_leaves_dont_know_out_of_the_base() {
    // 4 positive out of 8 rated; the two Don't knows are not in the base.
    let tally = tally(&responses(&[1, 1, 1, 2, 3, 4, 5, 5, 6, 6]));
    let share = tally.positive_share().unwrap();
    assert_eq!(
        share,
        PositiveShare {
            positive: 4,
            base: 8
        }
    );
    assert_eq!(share.percent(), Hundredths(5000));
    assert_eq!(share.percent().to_string(), "50.00");
}

#[test]
fn positive_share_is_exact_hundredths_rounded_half_up() {
    let share = |positive, base| PositiveShare { positive, base }.percent();
    assert_eq!(share(5, 6), Hundredths(8333)); // 83.333…
    assert_eq!(share(2, 3), Hundredths(6667)); // 66.666…
    assert_eq!(share(1, 8), Hundredths(1250));
    assert_eq!(share(1, 20_000), Hundredths(1)); // 0.005 exactly: half rounds up to 0.01
    assert_eq!(share(1, 20_001), Hundredths(0)); // just under half rounds down
    assert_eq!(share(0, 7), Hundredths(0));
    assert_eq!(share(7, 7), Hundredths(10_000));
    assert_eq!(
        share(u32::MAX - 1, u32::MAX).to_string(),
        "100.00",
        "no overflow with large counts"
    );
}

#[test]
fn all_dont_know_or_nothing_gives_no_share() {
    assert_eq!(tally(&responses(&[6, 6, 6])).positive_share(), None);
    assert_eq!(tally(&[]).positive_share(), None);
    assert_eq!(tally(&[Answers::new()]).positive_share(), None);
}

#[test]
fn support_response_reads_every_item() {
    let answers = rated(2)
        .with_text(WHY, "  They listened.  ")
        .with(ANSWERED_BY, 2);
    assert_eq!(
        support_response(&answers),
        Ok(SupportResponse {
            rating: Some(Rating::Good),
            why: Some("They listened.".to_owned()),
            answered_by: Some(AnsweredBy::Carer),
        })
    );
    assert_eq!(
        support_response(&Answers::new()),
        Ok(SupportResponse {
            rating: None,
            why: None,
            answered_by: None,
        })
    );
}

#[test]
fn answers_off_the_list_are_refused_naming_the_item() {
    let errors = support_response(&rated(7).with(ANSWERED_BY, 4)).unwrap_err();
    assert_eq!(errors.0.len(), 2);
    assert_eq!(
        errors.get(OVERALL),
        Some(
            "Choose an answer from 1 to 6 for \u{201c}Overall, how was your experience of the \
             support you had from our volunteers?\u{201d}"
        )
    );
    assert_eq!(
        errors.get(ANSWERED_BY),
        Some("Choose an answer from 1 to 3 for \u{201c}Who is answering these questions?\u{201d}")
    );
    let errors = staff_response(&Answers::new().with(DIFFERENCE, 6)).unwrap_err();
    assert_eq!(
        errors.get(DIFFERENCE),
        Some(
            "Choose an answer from 1 to 5 for \u{201c}Volunteers make a difference on my ward or \
             team.\u{201d}"
        )
    );
}

#[test]
fn answers_of_the_wrong_kind_are_refused_naming_the_item() {
    let errors =
        support_response(&Answers::new().with(WHY, 1).with_text(OVERALL, "Good")).unwrap_err();
    assert_eq!(
        errors.get(WHY),
        Some("Answer \u{201c}What was good, or what could we do better?\u{201d} in words")
    );
    assert!(
        errors
            .get(OVERALL)
            .unwrap()
            .starts_with("Choose an answer from 1 to 6")
    );
}

#[test]
fn over_long_text_is_refused_naming_the_item() {
    let longest = "é".repeat(MAX_TEXT);
    let answers = Answers::new().with_text(STORY, &format!("  {longest}  "));
    assert_eq!(
        staff_response(&answers).unwrap().story.as_deref(),
        Some(longest.as_str())
    );

    let errors =
        staff_response(&Answers::new().with_text(STORY, &"a".repeat(MAX_TEXT + 1))).unwrap_err();
    assert_eq!(errors.0.len(), 1);
    assert_eq!(
        errors.get(STORY),
        Some(
            "Your answer to \u{201c}Tell us about a difference volunteers made, or what would \
             help them help more.\u{201d} must be 2,000 characters or fewer"
        )
    );
    let errors =
        support_response(&Answers::new().with_text(WHY, &"a".repeat(MAX_TEXT + 1))).unwrap_err();
    assert!(errors.get(WHY).unwrap().contains("What was good"));
}

#[test]
fn control_characters_in_text_are_refused() {
    let errors = staff_response(&Answers::new().with_text(AREA, "Ward\u{0}7")).unwrap_err();
    assert!(
        errors
            .get(AREA)
            .unwrap()
            .ends_with("must not contain control characters")
    );
    let ok = staff_response(&Answers::new().with_text(STORY, "Line one\nLine two")).unwrap();
    assert_eq!(ok.story.as_deref(), Some("Line one\nLine two"));
}

#[test]
fn staff_response_reads_every_item_and_the_area_is_optional() {
    let answers = Answers::new()
        .with(DIFFERENCE, 5)
        .with_text(STORY, "A volunteer sat with a patient who was frightened.")
        .with_text(AREA, "  ");
    assert_eq!(
        staff_response(&answers),
        Ok(StaffResponse {
            difference: Some(5),
            story: Some("A volunteer sat with a patient who was frightened.".to_owned()),
            area: None,
        })
    );
    // Text items are never scored, so the scale items alone make a complete response.
    assert_eq!(STAFF_FEEDBACK.complete(&answers), Some(vec![5]));
}
