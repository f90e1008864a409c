//! Experience results by theme: respondents, mean answer and share agreeing per group and
//! period, with themes fewer than five answered withheld.

use alongside_domain::Labelled;
use alongside_domain::instruments::Answers;
use alongside_domain::instruments::experience::{self, Theme, ThemeScore};
use alongside_domain::outcomes::themes::{AGREE, agrees};
use alongside_domain::outcomes::{Figure, GroupThemes, ThemeResult, by_group, trend};

/// One person's scores: `answer` for every theme (None = skipped).
fn everything(answer: Option<u8>) -> Vec<ThemeScore> {
    Theme::ALL
        .iter()
        .map(|&theme| ThemeScore {
            theme,
            score: answer,
        })
        .collect()
}

/// One person who answered only `theme`, with `score`.
fn only(theme: Theme, score: u8) -> Vec<ThemeScore> {
    let mut scores = everything(None);
    for s in &mut scores {
        if s.theme == theme {
            s.score = Some(score);
        }
    }
    scores
}

fn result<K>(group: &GroupThemes<K>, theme: Theme) -> Figure<ThemeResult> {
    group
        .themes
        .iter()
        .find(|t| t.theme == theme)
        .map(|t| t.figure)
        .unwrap_or_else(|| panic!("{theme} is in the group's figures"))
}

#[test]
fn agreeing_is_agree_or_strongly_agree_on_the_surveys_scale() {
    assert_eq!(experience::SCALE.label(AGREE), Some("Agree"));
    assert_eq!(experience::SCALE.label(AGREE + 1), Some("Strongly agree"));
    assert!(agrees(4) && agrees(5));
    assert!(!agrees(3) && !agrees(1) && !agrees(6) && !agrees(0));
}

#[test]
fn a_group_of_five_is_shown_with_its_mean_and_share_agreeing() {
    let responses: Vec<(&str, Vec<ThemeScore>)> = [5, 4, 3, 2, 4]
        .iter()
        .map(|&s| ("Ward 7", everything(Some(s))))
        .collect();
    let groups = by_group(&responses);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].group, "Ward 7");
    assert_eq!(groups[0].themes.len(), Theme::ALL.len());
    for figure in &groups[0].themes {
        assert_eq!(
            figure.figure,
            Figure::Shown(ThemeResult {
                respondents: 5,
                mean_score: 3.6,
                share_agreeing: 0.6,
            }),
            "{}",
            figure.theme
        );
    }
    let order: Vec<Theme> = groups[0].themes.iter().map(|t| t.theme).collect();
    assert_eq!(order, Theme::ALL);
}

#[test]
fn a_theme_answered_by_four_is_withheld_while_others_in_the_group_are_shown() {
    // Five people; one skipped Support, so Support rests on four answers.
    let mut responses: Vec<(u8, Vec<ThemeScore>)> =
        (0..4).map(|_| (1, everything(Some(5)))).collect();
    let mut skipped_support = everything(Some(1));
    skipped_support.retain(|s| s.theme != Theme::Support);
    responses.push((1, skipped_support));
    let groups = by_group(&responses);
    assert_eq!(
        result(&groups[0], Theme::Support),
        Figure::Suppressed { n: 4 }
    );
    assert_eq!(
        result(&groups[0], Theme::Belonging),
        Figure::Shown(ThemeResult {
            respondents: 5,
            mean_score: 4.2,
            share_agreeing: 0.8,
        })
    );
}

#[test]
fn groups_come_in_key_order_and_small_groups_are_withheld_whole() {
    let mut responses = Vec::new();
    for _ in 0..6 {
        responses.push(("Outpatients", everything(Some(4))));
    }
    for _ in 0..3 {
        responses.push(("Chaplaincy", everything(Some(2))));
    }
    let groups = by_group(&responses);
    let names: Vec<&str> = groups.iter().map(|g| g.group).collect();
    assert_eq!(names, ["Chaplaincy", "Outpatients"]);
    assert!(
        groups[0]
            .themes
            .iter()
            .all(|t| t.figure == Figure::Suppressed { n: 3 })
    );
    assert!(groups[1].themes.iter().all(|t| !t.figure.is_suppressed()));
}

#[test]
fn skipped_and_off_scale_answers_are_not_counted() {
    let mut responses: Vec<(&str, Vec<ThemeScore>)> = (1..=5)
        .map(|s| ("Site A", only(Theme::Impact, s)))
        .collect();
    responses.push(("Site A", everything(None)));
    responses.push(("Site A", only(Theme::Impact, 9)));
    let groups = by_group(&responses);
    assert_eq!(
        result(&groups[0], Theme::Impact),
        Figure::Shown(ThemeResult {
            respondents: 5,
            mean_score: 3.0,
            share_agreeing: 0.4,
        })
    );
    assert_eq!(
        result(&groups[0], Theme::Flexibility),
        Figure::Suppressed { n: 0 }
    );
}

#[test]
fn scores_from_the_survey_itself_are_aggregated() {
    let answers = Answers::new().with("satisfaction", 5).with("support", 2);
    let scores = experience::score(&answers).unwrap();
    let responses: Vec<(&str, Vec<ThemeScore>)> =
        (0..5).map(|_| ("Hospice", scores.clone())).collect();
    let groups = by_group(&responses);
    let satisfaction = result(&groups[0], Theme::Satisfaction);
    assert_eq!(satisfaction.shown().map(|r| r.share_agreeing), Some(1.0));
    assert_eq!(
        result(&groups[0], Theme::Support)
            .shown()
            .map(|r| r.mean_score),
        Some(2.0)
    );
    assert!(result(&groups[0], Theme::Impact).is_suppressed());
}

#[test]
fn trend_follows_the_periods_given_including_empty_ones() {
    let periods = ["2026 Q1", "2026 Q2", "2026 Q3"];
    let mut responses = Vec::new();
    for score in [4, 4, 5, 3, 2] {
        responses.push(("2026 Q3", everything(Some(score))));
    }
    for score in [1, 2, 2, 3, 5, 5] {
        responses.push(("2026 Q1", everything(Some(score))));
    }
    responses.push(("2025 Q4", everything(Some(5))));
    let trend = trend(&periods, &responses);
    let labels: Vec<&str> = trend.iter().map(|p| p.group).collect();
    assert_eq!(labels, periods);
    assert_eq!(
        result(&trend[0], Theme::Impact),
        Figure::Shown(ThemeResult {
            respondents: 6,
            mean_score: 3.0,
            share_agreeing: 2.0 / 6.0,
        })
    );
    assert!(
        trend[1]
            .themes
            .iter()
            .all(|t| t.figure == Figure::Suppressed { n: 0 })
    );
    assert_eq!(
        result(&trend[2], Theme::Impact),
        Figure::Shown(ThemeResult {
            respondents: 5,
            mean_score: 3.6,
            share_agreeing: 0.6,
        })
    );
}
