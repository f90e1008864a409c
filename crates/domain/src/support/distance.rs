//! Distance between two postcodes, from their centres' latitude and longitude (the ONS
//! Postcode Directory's `lat`/`long`, WGS84).

use serde::Serialize;

/// A point on the map in degrees (WGS84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Location {
    /// Degrees north.
    pub latitude: f64,
    /// Degrees east (negative is west of Greenwich).
    pub longitude: f64,
}

/// The mean radius of the Earth in miles (6,371.0088 km, IUGG).
const EARTH_RADIUS_MILES: f64 = 3_958.761;

/// Straight-line (great-circle) distance in miles by the haversine formula. Road distance is
/// longer; the matching thresholds are set with that in mind.
pub fn miles_between(a: Location, b: Location) -> f64 {
    let (lat1, lat2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.longitude - a.longitude).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_MILES * h.sqrt().min(1.0).asin()
}
