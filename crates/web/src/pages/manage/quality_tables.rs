//! The report's tables, built once from the report and used three ways: on the page, behind
//! each chart as its table alternative, and as the CSV download of that table.

use app::equality::ReachTable;
use app::quality_report::{QualityReport, RetentionFigures};
use domain::Labelled;
use domain::equality::{NOT_ANSWERED, ReachDimension};
use domain::outcomes::{Figure, GroupThemes, MIN_GROUP, ThemeFigure};

use crate::charts::Bar;

/// One table of the report.
pub(crate) struct Table {
    /// Its name in the CSV link, e.g. `experience`.
    pub id: &'static str,
    /// Its caption.
    pub caption: String,
    /// Column headings.
    pub headers: Vec<&'static str>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

/// What a withheld figure says.
pub(super) fn withheld() -> String {
    format!("fewer than {MIN_GROUP}")
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.2}")
    } else {
        format!("{x:.2}")
    }
}

fn theme_row(label: String, f: &ThemeFigure) -> Vec<String> {
    match &f.figure {
        Figure::Shown(r) => vec![
            label,
            r.respondents.to_string(),
            format!("{:.2}", r.mean_score),
            percent(r.share_agreeing),
        ],
        Figure::Suppressed { .. } => vec![label, withheld(), String::new(), String::new()],
    }
}

fn retention_cells(f: &Figure<RetentionFigures>) -> Vec<String> {
    match f {
        Figure::Shown(r) => vec![
            percent(r.twelve_months),
            r.median_days.map_or_else(
                || "more than half are still volunteering".to_owned(),
                |d| format!("{:.0} days", d),
            ),
        ],
        Figure::Suppressed { .. } => vec![withheld(), String::new()],
    }
}

/// A table of experience by theme for each group (role, site or quarter).
fn grouped_themes(
    id: &'static str,
    caption: &str,
    first: &'static str,
    groups: &[GroupThemes<String>],
) -> Table {
    Table {
        id,
        caption: caption.to_owned(),
        headers: vec![first, "People who answered", "Mean (1 to 5)", "Agreeing"],
        rows: groups
            .iter()
            .flat_map(|g| {
                g.themes
                    .iter()
                    .map(|f| theme_row(format!("{}: {}", g.group, f.theme.label()), f))
            })
            .collect(),
    }
}

/// The id of a characteristic's reach table.
fn reach_id(d: ReachDimension) -> &'static str {
    match d {
        ReachDimension::Age => "reach-age",
        ReachDimension::Sex => "reach-sex",
        ReachDimension::Ethnicity => "reach-ethnicity",
        ReachDimension::Disability => "reach-disability",
        ReachDimension::Deprivation => "reach-deprivation",
    }
}

fn reach_table(t: &ReachTable) -> Table {
    Table {
        id: reach_id(t.dimension),
        caption: format!(
            "Active volunteers by {}",
            t.dimension.label().to_lowercase()
        ),
        headers: vec!["Category", "Volunteers", "Share", "Population served"],
        rows: t
            .rows
            .iter()
            .map(|(row, served)| {
                // Age and deprivation come from records, not answers: unknown, not unanswered.
                let category = match (t.dimension, row.category) {
                    (ReachDimension::Age | ReachDimension::Deprivation, NOT_ANSWERED) => {
                        "Not known"
                    }
                    (_, c) => c,
                };
                let served = served.map_or_else(
                    || "–".to_owned(),
                    |p| format!("{:.1}%", f64::from(p) / 10.0),
                );
                match &row.figure {
                    Figure::Shown((n, share)) => {
                        vec![
                            row.category.to_owned(),
                            n.to_string(),
                            percent(*share),
                            served,
                        ]
                    }
                    Figure::Suppressed { .. } => {
                        vec![category.to_owned(), withheld(), String::new(), served]
                    }
                }
            })
            .collect(),
    }
}

/// Every table of the report, in page order.
pub(crate) fn tables(r: &QualityReport, reach: &[ReachTable]) -> Vec<Table> {
    let experience = Table {
        id: "experience",
        caption: "Volunteer experience by theme".into(),
        headers: vec!["Theme", "People who answered", "Mean (1 to 5)", "Agreeing"],
        rows: r
            .experience
            .iter()
            .map(|f| theme_row(f.theme.label().to_owned(), f))
            .collect(),
    };
    let by_role = grouped_themes(
        "experience-by-role",
        "Volunteer experience by role",
        "Role and theme",
        &r.experience_by_role,
    );
    let by_site = grouped_themes(
        "experience-by-site",
        "Volunteer experience by site",
        "Site and theme",
        &r.experience_by_site,
    );
    let trend = grouped_themes(
        "experience-trend",
        "Share agreeing, by quarter",
        "Quarter and theme",
        &r.experience_trend,
    );
    let wellbeing = Table {
        id: "wellbeing",
        caption: "Wellbeing change, first survey to latest follow-up".into(),
        headers: vec![
            "Measure",
            "People",
            "Before",
            "After",
            "Change",
            "95% confidence interval",
            "Effect size (d_z)",
            "Better by a meaningful amount",
            "Worse by a meaningful amount",
        ],
        rows: r
            .wellbeing
            .iter()
            .map(|w| {
                let label = format!("{}: {}", w.instrument, w.measure);
                match &w.change {
                    Figure::Shown(c) => vec![
                        label,
                        c.n.to_string(),
                        format!("{:.2}", c.mean_before),
                        format!("{:.2}", c.mean_after),
                        signed(c.mean_change),
                        format!("between {} and {}", signed(c.ci95.0), signed(c.ci95.1)),
                        c.effect_size
                            .map_or_else(|| "–".into(), |d| format!("{d:.2}")),
                        percent(c.share_improved),
                        percent(c.share_worsened),
                    ],
                    Figure::Suppressed { .. } => {
                        let mut row = vec![label, withheld()];
                        row.extend(std::iter::repeat_n(String::new(), 7));
                        row
                    }
                }
            })
            .collect(),
    };
    let mut retention_rows = vec![{
        let mut row = vec!["All volunteers".to_owned()];
        row.extend(retention_cells(&r.retention));
        row
    }];
    retention_rows.extend(
        r.retention_by_role
            .iter()
            .chain(&r.retention_by_cohort)
            .map(|(role, f)| {
                let mut row = vec![role.clone()];
                row.extend(retention_cells(f));
                row
            }),
    );
    let retention = Table {
        id: "retention",
        caption: "Retention of everyone who has volunteered".into(),
        headers: vec![
            "Who",
            "Still volunteering after 12 months",
            "Median time volunteering",
        ],
        rows: retention_rows,
    };
    let outcomes = Table {
        id: "outcomes",
        caption: "Outcomes logged in the period".into(),
        headers: vec![
            "Role",
            "What was counted",
            "How many",
            "Staff time released (hours)",
        ],
        rows: r
            .outcomes
            .iter()
            .map(|o| {
                vec![
                    o.role_title.clone(),
                    o.indicator.clone(),
                    format!("{} {}", o.quantity, o.unit),
                    if o.minutes_released > 0 {
                        format!("{:.1}", o.minutes_released as f64 / 60.0)
                    } else {
                        "–".into()
                    },
                ]
            })
            .collect(),
    };
    let support = match &r.feedback.support {
        Figure::Shown(f) => vec![
            "Service users and carers: very good or good".to_owned(),
            f.positive.base.to_string(),
            format!("{}%", f.positive.percent()),
        ],
        Figure::Suppressed { .. } => vec![
            "Service users and carers: very good or good".to_owned(),
            withheld(),
            String::new(),
        ],
    };
    let staff = match &r.feedback.staff {
        Figure::Shown(f) => vec![
            "Staff: volunteers make a difference on my ward or team (agree)".to_owned(),
            f.answered.to_string(),
            percent(f.agreeing),
        ],
        Figure::Suppressed { .. } => vec![
            "Staff: volunteers make a difference on my ward or team (agree)".to_owned(),
            withheld(),
            String::new(),
        ],
    };
    let feedback = Table {
        id: "feedback",
        caption: "Feedback on volunteers in the period".into(),
        headers: vec!["Who and what", "People who answered", "Positive"],
        rows: vec![support, staff],
    };
    let mut all = vec![
        experience, by_role, by_site, trend, wellbeing, retention, outcomes, feedback,
    ];
    all.extend(reach.iter().map(reach_table));
    all
}

/// The bars of the experience chart: share agreeing per theme.
pub(super) fn experience_bars(r: &QualityReport) -> Vec<Bar> {
    r.experience
        .iter()
        .map(|f| Bar {
            label: f.theme.label().to_owned(),
            share: f.figure.shown().map(|t| t.share_agreeing),
            text: f.figure.shown().map_or_else(withheld, |t| {
                format!("{} ({} people)", percent(t.share_agreeing), t.respondents)
            }),
        })
        .collect()
}

/// The bars of the retention chart: 12-month retention overall and per role.
pub(super) fn retention_bars(r: &QualityReport) -> Vec<Bar> {
    std::iter::once(("All volunteers".to_owned(), &r.retention))
        .chain(
            r.retention_by_role
                .iter()
                .map(|(role, f)| (role.clone(), f)),
        )
        .map(|(label, f)| Bar {
            label,
            share: f.shown().map(|x| x.twelve_months),
            text: f
                .shown()
                .map_or_else(withheld, |x| percent(x.twelve_months)),
        })
        .collect()
}
