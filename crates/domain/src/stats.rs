//! Small statistics used in reports: medians and distributions over durations in days.

use serde::Serialize;

/// The median of `values` (the mean of the middle two for an even count); none when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

/// One band of a distribution of durations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    /// Label, e.g. "2 to 4 weeks".
    pub label: &'static str,
    /// How many fall in it.
    pub count: usize,
}

/// Upper bounds (exclusive, in days) and labels of the time-to-onboard bands.
const BANDS: [(f64, &str); 6] = [
    (14.0, "Under 2 weeks"),
    (28.0, "2 to 4 weeks"),
    (61.0, "1 to 2 months"),
    (92.0, "2 to 3 months"),
    (183.0, "3 to 6 months"),
    (f64::INFINITY, "6 months or more"),
];

/// How many of `days` fall in each band, from under two weeks to six months or more.
pub fn distribution(days: &[f64]) -> Vec<Band> {
    let mut bands: Vec<Band> = BANDS
        .iter()
        .map(|&(_, label)| Band { label, count: 0 })
        .collect();
    for &d in days {
        if let Some(i) = BANDS.iter().position(|&(upper, _)| d < upper) {
            bands[i].count += 1;
        }
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn durations_fall_into_bands_at_their_edges() {
        let bands = distribution(&[0.0, 13.9, 14.0, 27.0, 60.0, 61.0, 100.0, 183.0, 400.0]);
        let counts: Vec<usize> = bands.iter().map(|b| b.count).collect();
        assert_eq!(counts, vec![2, 2, 1, 1, 1, 2]);
    }
}
