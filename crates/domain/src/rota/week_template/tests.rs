use chrono::{TimeZone, Utc};

use super::*;

const ROLE: &str = "01890000-0000-7000-8000-000000000001";
const OTHER_ROLE: &str = "01890000-0000-7000-8000-000000000002";
const SITE: &str = "01890000-0000-7000-8000-0000000000a1";

fn row(day: &str, role: &str, start: &str, end: &str, min: &str, max: &str) -> TemplateRowInput {
    TemplateRowInput {
        weekday: day.into(),
        role_id: role.into(),
        start_time: start.into(),
        end_time: end.into(),
        min_volunteers: min.into(),
        max_volunteers: max.into(),
        notes: String::new(),
    }
}

fn input(from: &str, until: &str, rows: Vec<TemplateRowInput>) -> WeekTemplateInput {
    WeekTemplateInput {
        site_id: SITE.into(),
        from: from.into(),
        until: until.into(),
        rows,
    }
}

fn counter() -> impl FnMut() -> uuid::Uuid {
    let mut n = 0u128;
    move || {
        n += 1;
        uuid::Uuid::from_u128(n)
    }
}

fn shifts(input: &WeekTemplateInput) -> Vec<Shift> {
    input
        .parse()
        .unwrap()
        .shifts(OrganisationId(uuid::Uuid::nil()), counter())
        .unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn blank_rows_are_skipped_and_each_day_of_each_week_gets_its_shift() {
    // Wednesday 3 March 2027 to Tuesday 16 March: the first week's Monday is before the range.
    let typed = input(
        "2027-03-03",
        "16 3 2027",
        vec![
            row("mon", ROLE, "10:00", "13:00", "2", "4"),
            TemplateRowInput::default(),
            row("Thursday", OTHER_ROLE, "6pm", "9pm", "0", "1"),
        ],
    );
    let template = typed.parse().unwrap();
    assert_eq!(
        template.rows().iter().map(|r| r.number).collect::<Vec<_>>(),
        [1, 3]
    );
    let made = shifts(&typed);
    let days: Vec<(NaiveDate, RoleId)> = made
        .iter()
        .map(|s| (s.local_slot().date, s.role_id))
        .collect();
    let (role, other): (RoleId, RoleId) = (ROLE.parse().unwrap(), OTHER_ROLE.parse().unwrap());
    assert_eq!(
        days,
        [
            (date("2027-03-04"), other),
            (date("2027-03-08"), role),
            (date("2027-03-11"), other),
            (date("2027-03-15"), role),
        ]
    );
    let first = &made[1];
    assert_eq!(first.site_id, SITE.parse().unwrap());
    assert_eq!(
        first.starts_at,
        Utc.with_ymd_and_hms(2027, 3, 8, 10, 0, 0).unwrap()
    );
    assert_eq!((first.min_volunteers, first.max_volunteers), (2, 4));
    // Each row is a weekly series of its own.
    assert_eq!(made[1].series_id, made[3].series_id);
    assert_eq!(made[0].series_id, made[2].series_id);
    assert_ne!(made[0].series_id, made[1].series_id);
    assert!(made[0].series_id.is_some());
}

#[test]
fn a_week_over_the_october_clock_change_keeps_uk_clock_times() {
    // The clocks go back at 2am BST on Sunday 31 October 2027.
    let typed = input(
        "2027-10-25",
        "2027-11-07",
        vec![
            row("mon", ROLE, "10:00", "13:00", "1", "3"),
            row("sun", ROLE, "01:00", "03:00", "1", "2"),
        ],
    );
    let made = shifts(&typed);
    assert_eq!(made.len(), 4);
    let utc = |d, h| Utc.with_ymd_and_hms(2027, 10, d, h, 0, 0).unwrap();
    // Monday 25 October is summer time (UTC+1); Monday 1 November is GMT.
    assert_eq!(made[0].starts_at, utc(25, 9));
    assert_eq!(
        made[2].starts_at,
        Utc.with_ymd_and_hms(2027, 11, 1, 10, 0, 0).unwrap()
    );
    for s in [&made[0], &made[2]] {
        let slot = s.local_slot();
        assert_eq!(slot.start.to_string(), "10:00:00");
        assert_eq!(slot.end.to_string(), "13:00:00");
    }
    // The night the clocks go back, 1am to 3am lasts three hours; a week later, two.
    assert_eq!(made[1].local_slot().date, date("2027-10-31"));
    assert_eq!(made[1].duration_minutes(), 180);
    assert_eq!(made[3].duration_minutes(), 120);
}

#[test]
fn a_shift_the_spring_clock_change_swallows_names_its_row() {
    // 1:15am to 1:45am never happens on Sunday 28 March 2027.
    let typed = input(
        "2027-03-22",
        "2027-04-04",
        vec![
            row("mon", ROLE, "10:00", "13:00", "1", "3"),
            row("sun", ROLE, "1:15am", "1:45am", "1", "2"),
        ],
    );
    let errors = typed
        .parse()
        .unwrap()
        .shifts(OrganisationId(uuid::Uuid::nil()), counter())
        .unwrap_err();
    let message = errors.get("row-2-end_time").unwrap();
    assert!(message.starts_with("Row 2: "), "{message}");
    assert!(message.contains("28 March 2027"), "{message}");
    assert_eq!(errors.0.len(), 1);
}

#[test]
fn bad_rows_are_named_by_number_with_each_problem() {
    let typed = input(
        "2027-03-01",
        "2027-03-14",
        vec![
            row("mon", ROLE, "10:00", "13:00", "2", "4"),
            TemplateRowInput::default(),
            row("funday", "not-a-role", "25:00", "", "-1", "0"),
            row("tue", ROLE, "10:00", "10:00", "5", "3"),
        ],
    );
    let errors = typed.parse().unwrap_err();
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "row-3-weekday",
            "row-3-role_id",
            "row-3-start_time",
            "row-3-end_time",
            "row-3-max_volunteers",
            "row-3-min_volunteers",
            "row-4-end_time",
            "row-4-min_volunteers",
        ]
    );
    assert!(errors.0.iter().all(|e| e.message.starts_with("Row ")));
    assert_eq!(
        errors.get("row-3-max_volunteers"),
        Some("Row 3: The maximum number of volunteers must be between 1 and 500")
    );
    assert_eq!(
        errors.get("row-4-min_volunteers"),
        Some("Row 4: The minimum number of volunteers must be no more than the maximum (3)")
    );
}

#[test]
fn the_range_the_site_and_at_least_one_row_are_needed() {
    let mut typed = input(
        "2027-03-10",
        "2027-03-01",
        vec![TemplateRowInput::default()],
    );
    typed.site_id = "nowhere".into();
    let errors = typed.parse().unwrap_err();
    assert!(errors.get("site_id").is_some());
    assert!(errors.get("until").unwrap().contains("same as or after"));
    assert_eq!(
        errors.get("row-1-weekday"),
        Some("Enter at least one shift in the week's pattern")
    );

    let blank = input(
        "",
        "soon",
        vec![row("mon", ROLE, "10:00", "13:00", "1", "2")],
    );
    let errors = blank.parse().unwrap_err();
    assert_eq!(errors.get("from"), Some("Enter the first date"));
    assert!(errors.get("until").unwrap().contains("real date"));

    let long = input(
        "2027-01-04",
        "2027-07-05",
        vec![row("mon", ROLE, "10:00", "13:00", "1", "2")],
    );
    assert!(
        long.parse()
            .unwrap_err()
            .get("until")
            .unwrap()
            .contains("26 weeks")
    );
    let just = input(
        "2027-01-04",
        "2027-07-04",
        vec![row("mon", ROLE, "10:00", "13:00", "1", "2")],
    );
    assert_eq!(just.parse().unwrap().occurrences().len(), 26);

    // A Tuesday-only range with a Monday pattern makes nothing.
    let none = input(
        "2027-03-02",
        "2027-03-02",
        vec![row("mon", ROLE, "10:00", "13:00", "1", "2")],
    );
    assert!(
        none.parse()
            .unwrap_err()
            .get("until")
            .unwrap()
            .contains("None of")
    );

    let many: Vec<TemplateRowInput> = (0..=MAX_TEMPLATE_ROWS)
        .map(|_| row("mon", ROLE, "10:00", "13:00", "1", "2"))
        .collect();
    let too_many = input("2027-03-01", "2027-03-07", many);
    assert!(too_many.parse().unwrap_err().get("rows").is_some());
}

#[test]
fn an_overnight_row_ends_the_next_morning() {
    let typed = input(
        "2027-03-01",
        "2027-03-07",
        vec![row("fri", ROLE, "22:00", "6am", "1", "2")],
    );
    let made = shifts(&typed);
    assert_eq!(made.len(), 1);
    assert_eq!(
        made[0].starts_at,
        Utc.with_ymd_and_hms(2027, 3, 5, 22, 0, 0).unwrap()
    );
    assert_eq!(
        made[0].ends_at,
        Utc.with_ymd_and_hms(2027, 3, 6, 6, 0, 0).unwrap()
    );
}

#[test]
fn weekday_options_run_monday_to_sunday() {
    let options = weekday_options();
    assert_eq!(options.first(), Some(&("mon", "Monday")));
    assert_eq!(options.last(), Some(&("sun", "Sunday")));
    assert!(
        options
            .iter()
            .all(|(code, _)| parse_weekday(code).is_some())
    );
}
