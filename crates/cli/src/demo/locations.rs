//! Where the demo's postcodes are, so travel distances work without loading the ONS Postcode
//! Directory: each postcode district's rough centre (approximate, for demonstration only),
//! moved a little by the rest of the postcode so neighbours are not all in one spot.

use domain::support::Location;

/// Approximate centres of the demo's West Yorkshire postcode districts (degrees).
const DISTRICTS: &[(&str, f64, f64)] = &[
    ("LS1", 53.797, -1.548),
    ("LS2", 53.803, -1.546),
    ("LS4", 53.812, -1.586),
    ("LS5", 53.822, -1.604),
    ("LS6", 53.823, -1.572),
    ("LS7", 53.823, -1.538),
    ("LS8", 53.823, -1.507),
    ("LS9", 53.800, -1.510),
    ("LS10", 53.775, -1.533),
    ("LS11", 53.780, -1.560),
    ("LS12", 53.790, -1.600),
    ("LS13", 53.805, -1.640),
    ("LS14", 53.830, -1.450),
    ("LS15", 53.805, -1.450),
    ("LS16", 53.850, -1.600),
    ("LS17", 53.860, -1.530),
    ("LS18", 53.845, -1.645),
    ("LS19", 53.860, -1.680),
    ("LS20", 53.875, -1.715),
    ("LS21", 53.905, -1.690),
    ("LS25", 53.780, -1.330),
    ("LS26", 53.750, -1.440),
    ("LS27", 53.740, -1.600),
    ("LS28", 53.800, -1.670),
    ("BD1", 53.795, -1.752),
    ("BD2", 53.815, -1.735),
    ("BD3", 53.800, -1.730),
    ("BD5", 53.775, -1.755),
    ("BD7", 53.780, -1.790),
    ("BD8", 53.800, -1.780),
    ("BD9", 53.815, -1.790),
    ("BD10", 53.835, -1.720),
    ("BD16", 53.850, -1.835),
    ("BD17", 53.850, -1.770),
    ("BD18", 53.830, -1.775),
    ("WF1", 53.683, -1.497),
    ("WF2", 53.680, -1.520),
    ("WF3", 53.725, -1.530),
    ("WF4", 53.640, -1.490),
    ("WF6", 53.700, -1.400),
    ("WF8", 53.690, -1.310),
    ("WF10", 53.725, -1.350),
    ("WF12", 53.680, -1.630),
    ("WF13", 53.690, -1.640),
    ("WF17", 53.715, -1.630),
];

/// Where a demo postcode is, if its district is known.
pub(super) fn locate(postcode: &str) -> Option<Location> {
    let (district, inward) = postcode.split_once(' ')?;
    let &(_, latitude, longitude) = DISTRICTS.iter().find(|(d, _, _)| *d == district)?;
    // A small, repeatable offset (under about half a mile) from the inward code's letters.
    let spread: u32 = inward.bytes().map(u32::from).sum();
    let north = f64::from(spread % 13) / 13.0 - 0.5;
    let east = f64::from(spread % 7) / 7.0 - 0.5;
    Some(Location {
        latitude: latitude + north * 0.012,
        longitude: longitude + east * 0.02,
    })
}
