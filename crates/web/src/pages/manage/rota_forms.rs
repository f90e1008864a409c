//! Adding shifts from the rota: one shift or a weekly series, and a site's shifts in bulk from a
//! week's pattern. Bad input comes back with an error summary and nothing saved.

use app::{AppError, OrgScope};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::ids::{RoleId, SiteId};
use domain::rota::week_template::{
    MAX_TEMPLATE_ROWS, TemplateRowInput, WeekTemplateInput, row_field, weekday_options,
};
use domain::rota::{RecurrenceInput, ShiftInput};

use super::{managing_scope, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// Blank rows on a new week's pattern.
const BLANK_ROWS: usize = 10;

/// The forms' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/rota/new", get(new_form).post(create))
        .route(
            "/manage/{org}/rota/template",
            get(template_form).post(apply_template),
        )
}

/// The organisation's sites and roles as select options, ids first.
async fn lists(
    state: &AppState,
    scope: &OrgScope,
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), WebError> {
    let sites = state.app.sites(scope).await?;
    let roles = state.app.roles(scope).await?;
    Ok((
        sites
            .iter()
            .map(|s| (s.id.to_string(), s.name.clone()))
            .collect(),
        roles
            .iter()
            .map(|r| (r.id.to_string(), r.title.clone()))
            .collect(),
    ))
}

/// The one-shift-or-series form as typed.
#[derive(Default)]
struct ShiftForm {
    role_id: String,
    site_id: String,
    shift: ShiftInput,
    /// "weekly", or anything else for one shift.
    repeat: String,
    rule: RecurrenceInput,
}

impl ShiftForm {
    fn parse(form: &FormData) -> Self {
        Self {
            role_id: form.get("role_id"),
            site_id: form.get("site_id"),
            shift: ShiftInput {
                date: form.get("date"),
                start_time: form.get("start_time"),
                end_time: form.get("end_time"),
                min_volunteers: form.get("min_volunteers"),
                max_volunteers: form.get("max_volunteers"),
                notes: form.get("notes"),
            },
            repeat: form.get("repeat"),
            rule: RecurrenceInput {
                weekdays: form.all("weekdays"),
                interval_weeks: form.get("interval_weeks"),
                until: form.get("until"),
                count: form.get("count"),
            },
        }
    }

    fn weekly(&self) -> bool {
        self.repeat == "weekly"
    }

    /// Whether the day with this code is ticked.
    fn has_day(&self, code: &str) -> bool {
        self.rule
            .weekdays
            .iter()
            .flat_map(|w| w.split(','))
            .any(|w| w.trim() == code)
    }

    /// Every problem when a role or site is not an id: those, and the rest of the form's.
    fn id_errors(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        if self.role_id.trim().parse::<RoleId>().is_err() {
            errors.add("role_id", "Select a role");
        }
        if self.site_id.trim().parse::<SiteId>().is_err() {
            errors.add("site_id", "Select a site");
        }
        match self.shift.parse_template() {
            Ok(t) if self.weekly() => {
                if let Err(more) = self.rule.parse(t.date) {
                    errors.0.extend(more.0);
                }
            }
            Ok(_) => {}
            Err(more) => errors.0.extend(more.0),
        }
        errors
    }
}

#[derive(Template)]
#[template(path = "manage/rota_new.html")]
struct NewPage {
    layout: Layout,
    slug: String,
    f: ShiftForm,
    sites: Vec<(String, String)>,
    roles: Vec<(String, String)>,
    days: Vec<(&'static str, &'static str)>,
}

async fn new_page(
    state: &AppState,
    user: &SignedIn,
    scope: &OrgScope,
    org: String,
    f: ShiftForm,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let (sites, roles) = lists(state, scope).await?;
    let layout = Layout::for_org("Add shifts", user, scope).with_errors(errors);
    let status = layout.status();
    let page = NewPage {
        layout,
        slug: org,
        f,
        sites,
        roles,
        days: weekday_options(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn new_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &org).await?;
    let f = ShiftForm {
        repeat: "none".into(),
        ..ShiftForm::default()
    };
    new_page(&state, &user, &scope, org, f, FieldErrors::new()).await
}

async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let f = ShiftForm::parse(&form);
    let ids = f
        .role_id
        .trim()
        .parse()
        .ok()
        .zip(f.site_id.trim().parse().ok());
    let Some((role, site)) = ids else {
        let errors = f.id_errors();
        return new_page(&state, &user, &scope, org, f, errors).await;
    };
    let added = if f.weekly() {
        state
            .app
            .add_series(&scope, role, site, &f.shift, &f.rule)
            .await
    } else {
        state
            .app
            .add_shift(&scope, role, site, &f.shift)
            .await
            .map(|s| vec![s])
    };
    match added {
        Ok(shifts) => {
            let first = shifts.first().map(|s| s.local_slot().date.to_string());
            Ok(to(format!(
                "/manage/{org}/rota?week={}&added={}",
                first.unwrap_or_default(),
                shifts.len()
            )))
        }
        Err(AppError::Invalid(errors)) => new_page(&state, &user, &scope, org, f, errors).await,
        Err(e) => Err(e.into()),
    }
}

/// One field of a row of the week's pattern, as the form shows it.
struct Cell {
    id: String,
    value: String,
    error: String,
}

/// One row of the week's pattern.
struct RowView {
    n: usize,
    weekday: Cell,
    role: Cell,
    start: Cell,
    end: Cell,
    min: Cell,
    max: Cell,
}

impl RowView {
    fn new(n: usize, row: &TemplateRowInput, errors: &FieldErrors) -> Self {
        let cell = |field: &str, value: &str| {
            let id = row_field(n, field);
            Cell {
                error: errors.get(&id).unwrap_or("").to_owned(),
                id,
                value: value.to_owned(),
            }
        };
        Self {
            n,
            weekday: cell("weekday", &row.weekday),
            role: cell("role_id", &row.role_id),
            start: cell("start_time", &row.start_time),
            end: cell("end_time", &row.end_time),
            min: cell("min_volunteers", &row.min_volunteers),
            max: cell("max_volunteers", &row.max_volunteers),
        }
    }
}

#[derive(Template)]
#[template(path = "manage/rota_template.html")]
struct TemplatePage {
    layout: Layout,
    slug: String,
    input: WeekTemplateInput,
    rows: Vec<RowView>,
    sites: Vec<(String, String)>,
    roles: Vec<(String, String)>,
    days: Vec<(&'static str, &'static str)>,
}

/// The rows typed on the form: `row-N-…` fields from 1 up while any are present.
fn typed_rows(form: &FormData) -> Vec<TemplateRowInput> {
    (1..=MAX_TEMPLATE_ROWS + 1)
        .map_while(|n| {
            let get = |f: &str| form.all(&row_field(n, f)).into_iter().next();
            let fields = [
                "weekday",
                "role_id",
                "start_time",
                "end_time",
                "min_volunteers",
                "max_volunteers",
            ]
            .map(get);
            if fields.iter().all(Option::is_none) {
                return None;
            }
            let [
                weekday,
                role_id,
                start_time,
                end_time,
                min_volunteers,
                max_volunteers,
            ] = fields.map(Option::unwrap_or_default);
            Some(TemplateRowInput {
                weekday,
                role_id,
                start_time,
                end_time,
                min_volunteers,
                max_volunteers,
                notes: String::new(),
            })
        })
        .collect()
}

async fn template_page(
    state: &AppState,
    user: &SignedIn,
    scope: &OrgScope,
    org: String,
    mut input: WeekTemplateInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let (sites, roles) = lists(state, scope).await?;
    if input.rows.len() < BLANK_ROWS {
        input
            .rows
            .resize_with(BLANK_ROWS, TemplateRowInput::default);
    }
    let rows = input
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| RowView::new(i + 1, row, &errors))
        .collect();
    let layout = Layout::for_org("Add a week's pattern of shifts", user, scope).with_errors(errors);
    let status = layout.status();
    let page = TemplatePage {
        layout,
        slug: org,
        input,
        rows,
        sites,
        roles,
        days: weekday_options(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn template_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &org).await?;
    let input = WeekTemplateInput::default();
    template_page(&state, &user, &scope, org, input, FieldErrors::new()).await
}

async fn apply_template(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let input = WeekTemplateInput {
        site_id: form.get("site_id"),
        from: form.get("from"),
        until: form.get("until"),
        rows: typed_rows(&form),
    };
    match state.app.add_week_template(&scope, &input).await {
        Ok(shifts) => {
            let first = shifts.first().map(|s| s.local_slot().date.to_string());
            Ok(to(format!(
                "/manage/{org}/rota?week={}&site={}&added={}",
                first.unwrap_or_default(),
                input.site_id.trim(),
                shifts.len()
            )))
        }
        Err(AppError::Invalid(errors)) => {
            template_page(&state, &user, &scope, org, input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
