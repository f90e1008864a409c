//! How volunteers' wellbeing changed between a baseline survey and a follow-up, on one measure
//! (a SWEMWBS metric score, one ONS4 question, a BRS mean…), counting only people who answered
//! both.
//!
//! The figures are the usual paired ones: the mean before, after and of the change; the standard
//! deviation of the changes (n − 1 denominator); a 95% confidence interval for the mean change
//! from Student's t with n − 1 degrees of freedom (mean ± t₀.₉₇₅ · sd / √n); the effect size as
//! Cohen's d_z, the mean change divided by the standard deviation of the changes. d_z is the
//! standard effect size for one group measured twice: it needs no assumption about how the before
//! and after scores are correlated, and it is the figure a paired t-test rests on. Changes keep
//! the scale's own sign (a fall in anxiety is negative); only the shares improved and worsened
//! use which way is better. Groups of fewer than [`MIN_GROUP`](super::MIN_GROUP) are withheld.

use std::collections::BTreeMap;
use std::f64::consts::FRAC_PI_2;

use serde::Serialize;

use super::suppression::Figure;
use crate::instruments::swemwbs;

/// SWEMWBS meaningful change: 3 metric points (standards §2.2, after Shah et al. 2018), the same
/// threshold as [`swemwbs::change_band`].
pub const SWEMWBS_MEANINGFUL: f64 = swemwbs::MEANINGFUL as f64 / 100.0;

/// Changes are compared with the meaningful-change threshold to within this, so a change of
/// exactly 3.00 points still counts after floating-point rounding of the scores.
const ROUNDING: f64 = 1e-9;

/// A spread of changes below this (in score points) counts as no spread: scores are recorded to
/// hundredths at most, so only rounding of identical changes can produce one.
const NO_SPREAD: f64 = 1e-9;

/// Which way along a measure's scale is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher scores are better: wellbeing, life satisfaction, resilience.
    HigherIsBetter,
    /// Lower scores are better: anxiety, loneliness.
    LowerIsBetter,
}

/// The change in one measure for the people who answered both the baseline and the follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairedChange {
    /// How many people answered both.
    pub n: usize,
    /// Their mean score at baseline.
    pub mean_before: f64,
    /// Their mean score at follow-up.
    pub mean_after: f64,
    /// The mean of each person's change (follow-up − baseline), in the scale's own direction.
    pub mean_change: f64,
    /// The standard deviation of the changes (sample, n − 1 denominator).
    pub sd_change: f64,
    /// The 95% confidence interval for the mean change (Student's t, n − 1 degrees of freedom);
    /// both ends equal the mean change when everyone changed by the same amount.
    pub ci95: (f64, f64),
    /// Cohen's d_z: the mean change ÷ the standard deviation of the changes; `None` when everyone
    /// changed by the same amount, so there is no spread to divide by.
    pub effect_size: Option<f64>,
    /// The share whose score moved the better way by at least the meaningful change.
    pub share_improved: f64,
    /// The share whose score moved the worse way by at least the meaningful change.
    pub share_worsened: f64,
}

/// Pairs each person's baseline score with their follow-up score, by key (e.g. the person's id),
/// leaving out everyone who answered only one of the two. When a key appears more than once in
/// a list, its first score there is used. Pairs come in the follow-up list's order.
pub fn pair_up<K: Ord>(baseline: &[(K, f64)], follow_up: &[(K, f64)]) -> Vec<(f64, f64)> {
    let mut before: BTreeMap<&K, Option<f64>> = BTreeMap::new();
    for (key, score) in baseline {
        before.entry(key).or_insert(Some(*score));
    }
    let mut pairs = Vec::new();
    for (key, after) in follow_up {
        // Taking the baseline out means a repeated follow-up key is not paired again.
        if let Some(score) = before.get_mut(key).and_then(Option::take) {
            pairs.push((score, *after));
        }
    }
    pairs
}

/// The paired change over `pairs` of (baseline, follow-up) scores, counting as improved or
/// worsened those whose score moved by at least `meaningful` points (e.g.
/// [`SWEMWBS_MEANINGFUL`]) the `better` or the other way. Pairs with a score that is not a finite
/// number are left out; a group of fewer than five people is withheld.
pub fn paired_change(
    pairs: &[(f64, f64)],
    better: Direction,
    meaningful: f64,
) -> Figure<PairedChange> {
    let pairs: Vec<(f64, f64)> = pairs
        .iter()
        .copied()
        .filter(|(before, after)| before.is_finite() && after.is_finite())
        .collect();
    Figure::from_group(pairs.len(), || summarise(&pairs, better, meaningful))
}

/// The figures for at least two pairs (callers go through [`Figure::from_group`]).
fn summarise(pairs: &[(f64, f64)], better: Direction, meaningful: f64) -> PairedChange {
    let n = pairs.len();
    let count = n as f64;
    let changes: Vec<f64> = pairs.iter().map(|(before, after)| after - before).collect();
    let mean_before = pairs.iter().map(|p| p.0).sum::<f64>() / count;
    let mean_after = pairs.iter().map(|p| p.1).sum::<f64>() / count;
    let mean_change = changes.iter().sum::<f64>() / count;
    let squares: f64 = changes.iter().map(|c| (c - mean_change).powi(2)).sum();
    let sd_change = (squares / (count - 1.0)).sqrt();

    let half_width = student_t_quantile(0.975, n.saturating_sub(1))
        .map_or(f64::NAN, |t| t * sd_change / count.sqrt());
    let effect_size = (sd_change >= NO_SPREAD).then(|| mean_change / sd_change);

    // Each change measured the better way, so improvement is always upwards.
    let gains: Vec<f64> = changes
        .iter()
        .map(|&change| match better {
            Direction::HigherIsBetter => change,
            Direction::LowerIsBetter => -change,
        })
        .collect();
    let threshold = meaningful - ROUNDING;
    let share_improved = gains.iter().filter(|&&g| g >= threshold).count() as f64 / count;
    let share_worsened = gains.iter().filter(|&&g| g <= -threshold).count() as f64 / count;

    PairedChange {
        n,
        mean_before,
        mean_after,
        mean_change,
        sd_change,
        ci95: (mean_change - half_width, mean_change + half_width),
        effect_size,
        share_improved,
        share_worsened,
    }
}

/// The `p` quantile of Student's t distribution with `df` degrees of freedom: the value a
/// t-distributed number falls below with probability `p`. `None` when `df` is 0 or `p` is not
/// strictly between 0 and 1.
///
/// Whole degrees of freedom allow an exact distribution function without special functions:
/// with θ = atan(t / √df), P(|T| ≤ t) is a finite sum of powers of cos θ (Abramowitz and Stegun
/// 26.7.3 and 26.7.4). The quantile is found by bisection on θ in (0, π/2), which halves the
/// interval until it cannot shrink further, so it is as accurate as the sum.
pub fn student_t_quantile(p: f64, df: usize) -> Option<f64> {
    if df == 0 || !(p > 0.0 && p < 1.0) {
        return None;
    }
    if p == 0.5 {
        return Some(0.0);
    }
    // P(|T| ≤ t) for the upper quantile t of p (or of 1 − p, by symmetry).
    let central = (2.0 * p - 1.0).abs();
    let (mut low, mut high) = (0.0_f64, FRAC_PI_2);
    for _ in 0..1100 {
        let middle = 0.5 * (low + high);
        if middle <= low || middle >= high {
            break;
        }
        if central_probability(middle, df) < central {
            low = middle;
        } else {
            high = middle;
        }
    }
    let t = (df as f64).sqrt() * (0.5 * (low + high)).tan();
    Some(if p < 0.5 { -t } else { t })
}

/// P(|T| ≤ √df · tan θ) for Student's t with `df` (at least 1) degrees of freedom, θ in [0, π/2).
fn central_probability(theta: f64, df: usize) -> f64 {
    let (sin, cos) = theta.sin_cos();
    let cos2 = cos * cos;
    if df % 2 == 1 {
        // 2/π · (θ + sin θ cos θ · (1 + 2/3 cos²θ + 2·4/(3·5) cos⁴θ + … up to cos^(df−3) θ)).
        let mut sum = 0.0;
        if df >= 3 {
            let mut term = 1.0;
            sum = 1.0;
            for k in 1..=(df - 3) / 2 {
                term *= cos2 * (2 * k) as f64 / (2 * k + 1) as f64;
                sum += term;
            }
        }
        (theta + sin * cos * sum) / FRAC_PI_2
    } else {
        // sin θ · (1 + 1/2 cos²θ + 1·3/(2·4) cos⁴θ + … up to cos^(df−2) θ).
        let mut term = 1.0;
        let mut sum = 1.0;
        for k in 1..=(df - 2) / 2 {
            term *= cos2 * (2 * k - 1) as f64 / (2 * k) as f64;
            sum += term;
        }
        sin * sum
    }
}
