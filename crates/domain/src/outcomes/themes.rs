//! Volunteer experience results by quality theme: for each group (a site, a role, an age band…)
//! and each theme of the experience survey, how many answered, the mean answer (1 to 5) and the
//! share agreeing. A theme a group's volunteers skipped counts only those who answered it, and a
//! theme answered by fewer than [`MIN_GROUP`](super::MIN_GROUP) people is withheld.
//!
//! Agreeing means answering "Agree" (4) or "Strongly agree" (5) on the survey's five-point scale
//! ([`experience::SCALE`]): every statement is worded so that agreeing is the better experience.

use std::collections::BTreeMap;

use serde::Serialize;

use super::suppression::Figure;
use crate::Labelled;
use crate::instruments::experience::{self, Theme, ThemeScore};

/// The lowest answer that counts as agreeing: "Agree" on [`experience::SCALE`].
pub const AGREE: u8 = 4;

/// One theme's results for one group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ThemeResult {
    /// How many answered this theme's statement.
    pub respondents: usize,
    /// Their mean answer, 1 (strongly disagree) to 5 (strongly agree).
    pub mean_score: f64,
    /// The share of them who agreed or strongly agreed.
    pub share_agreeing: f64,
}

/// One theme's figure for one group: withheld when fewer than five answered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ThemeFigure {
    /// The theme.
    pub theme: Theme,
    /// Its results, or the number who answered when too few did.
    pub figure: Figure<ThemeResult>,
}

/// Every theme's figure for one group (or one period), in [`Theme::ALL`] order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupThemes<K> {
    /// The group or period, as the caller named it.
    pub group: K,
    /// One figure per theme, in [`Theme::ALL`] order.
    pub themes: Vec<ThemeFigure>,
}

/// Running totals for one theme.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    respondents: usize,
    total: u64,
    agreeing: usize,
}

impl Tally {
    fn add(&mut self, score: u8) {
        self.respondents += 1;
        self.total += u64::from(score);
        if agrees(score) {
            self.agreeing += 1;
        }
    }

    fn figure(self, theme: Theme) -> ThemeFigure {
        let Self {
            respondents,
            total,
            agreeing,
        } = self;
        ThemeFigure {
            theme,
            figure: Figure::from_group(respondents, || ThemeResult {
                respondents,
                mean_score: total as f64 / respondents as f64,
                share_agreeing: agreeing as f64 / respondents as f64,
            }),
        }
    }
}

/// One tally per theme, in [`Theme::ALL`] order.
fn empty_tallies() -> Vec<Tally> {
    vec![Tally::default(); Theme::ALL.len()]
}

/// Adds one person's scores to `tallies`; skipped themes and answers off the survey's scale are
/// not counted.
fn add_response(tallies: &mut [Tally], scores: &[ThemeScore]) {
    for entry in scores {
        let index = Theme::ALL.iter().position(|&t| t == entry.theme);
        if let Some(score) = entry.score.filter(|&s| experience::SCALE.contains(s))
            && let Some(tally) = index.and_then(|i| tallies.get_mut(i))
        {
            tally.add(score);
        }
    }
}

fn figures(tallies: &[Tally]) -> Vec<ThemeFigure> {
    Theme::ALL
        .iter()
        .zip(tallies)
        .map(|(&theme, tally)| tally.figure(theme))
        .collect()
}

/// Experience results per group: `responses` holds each person's group and their scores (as
/// [`experience::score`] returns them, one per theme; answers off the 1–5 scale are left out).
/// Groups come in key order; a group with no responses does not appear.
pub fn by_group<K: Ord + Clone>(responses: &[(K, Vec<ThemeScore>)]) -> Vec<GroupThemes<K>> {
    let mut groups: BTreeMap<&K, Vec<Tally>> = BTreeMap::new();
    for (group, scores) in responses {
        add_response(groups.entry(group).or_insert_with(empty_tallies), scores);
    }
    groups
        .into_iter()
        .map(|(group, tallies)| GroupThemes {
            group: group.clone(),
            themes: figures(&tallies),
        })
        .collect()
}

/// Experience results over time: one entry per period in `periods`, in that order, each with the
/// figures of the responses given in it (`responses` holds each person's period and scores). A
/// period nobody answered in has every theme withheld with no respondents; responses in a period
/// not listed are left out.
pub fn trend<P: PartialEq + Clone>(
    periods: &[P],
    responses: &[(P, Vec<ThemeScore>)],
) -> Vec<GroupThemes<P>> {
    let mut tallies: Vec<Vec<Tally>> = periods.iter().map(|_| empty_tallies()).collect();
    for (period, scores) in responses {
        let index = periods.iter().position(|p| p == period);
        if let Some(period_tallies) = index.and_then(|i| tallies.get_mut(i)) {
            add_response(period_tallies, scores);
        }
    }
    periods
        .iter()
        .zip(&tallies)
        .map(|(period, period_tallies)| GroupThemes {
            group: period.clone(),
            themes: figures(period_tallies),
        })
        .collect()
}

/// True when `score` counts as agreeing on the experience survey's scale.
pub fn agrees(score: u8) -> bool {
    score >= AGREE && experience::SCALE.contains(score)
}
