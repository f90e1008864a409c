//! The public referral form, for a person to refer themselves or someone they care for (and
//! for partner organisations' staff, signed in), laid out for a phone. No account needed.

use app::referrals::PublicReferrer;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::support::{ReferralInput, SupportType, SupportedPersonInput, Urgency};

use crate::client_address::ClientAddress;
use crate::form::{FormData, choices, supported_person_input};
use crate::layout::Layout;
use crate::pages::manage::{PersonChoices, referral_input, targets};
use crate::session::MaybeSignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/refer/{org}", get(blank).post(send))
}

#[derive(Template)]
#[template(path = "support/refer_public.html")]
struct PublicReferPage {
    layout: Layout,
    slug: String,
    organisation: String,
    who: String,
    agreed: bool,
    p: SupportedPersonInput,
    r: ReferralInput,
    c: PersonChoices,
    support_types: Vec<(String, String)>,
    urgencies: Vec<(String, String)>,
    targets: Vec<(String, i64)>,
    sent: bool,
}

struct Typed {
    who: String,
    agreed: bool,
    p: SupportedPersonInput,
    r: ReferralInput,
}

async fn render(
    state: &AppState,
    user: Option<&crate::session::SignedIn>,
    slug: &str,
    typed: Typed,
    errors: FieldErrors,
    sent: bool,
) -> Result<Response, WebError> {
    let organisation = state.app.organisation(slug).await?;
    let layout = Layout::for_user(&format!("Ask {} for support", organisation.name), user)
        .with_errors(errors);
    let status = layout.status();
    let page = PublicReferPage {
        layout,
        slug: slug.to_owned(),
        organisation: organisation.name,
        who: typed.who,
        agreed: typed.agreed,
        c: PersonChoices::for_input(&typed.p),
        p: typed.p,
        r: typed.r,
        support_types: choices::<SupportType>(),
        urgencies: choices::<Urgency>(),
        targets: targets(),
        sent,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn blank(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let typed = Typed {
        who: String::new(),
        agreed: false,
        p: SupportedPersonInput::default(),
        r: ReferralInput::default(),
    };
    render(
        &state,
        user.as_ref(),
        &slug,
        typed,
        FieldErrors::new(),
        false,
    )
    .await
}

async fn send(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    if let Some(u) = &user {
        u.check_csrf(&form)?;
    }
    let typed = Typed {
        who: form.get("who"),
        agreed: form.get("agreed") == "yes",
        p: supported_person_input(&form),
        r: referral_input(&form),
    };
    let who = match typed.who.as_str() {
        "self" => Some(PublicReferrer::Themselves),
        "carer" => Some(PublicReferrer::Carer),
        _ => None,
    };
    let Some(who) = who else {
        let errors = FieldErrors::one(
            "who",
            "Say whether you are asking for yourself or for someone you care for",
        );
        return render(&state, user.as_ref(), &slug, typed, errors, false).await;
    };
    match state
        .app
        .refer_publicly(
            &slug,
            &address,
            user.as_ref().map(|u| u.person.id),
            who,
            &typed.p,
            &typed.r,
            typed.agreed,
        )
        .await
    {
        Ok(_) => {
            let blank = Typed {
                who: String::new(),
                agreed: false,
                p: SupportedPersonInput::default(),
                r: ReferralInput::default(),
            };
            render(
                &state,
                user.as_ref(),
                &slug,
                blank,
                FieldErrors::new(),
                true,
            )
            .await
        }
        Err(app::AppError::Invalid(errors)) => {
            render(&state, user.as_ref(), &slug, typed, errors, false).await
        }
        Err(e) => Err(e.into()),
    }
}
