//! A volunteer's choice, kind by kind, of how we tell them things: by email (the default), by
//! text message (offered only when they have a phone number and an organisation they volunteer
//! with sends texts through GOV.UK Notify), or not at all.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::Labelled;
use domain::notification::{Channel, NotificationKind, PreferencesInput};

use crate::form::Done;
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The notification preferences page.
pub fn routes() -> Router<AppState> {
    Router::new().route("/my/notifications", get(page).post(save))
}

/// One radio button.
struct ChannelView {
    /// The button's id: the kind's code for the first (so the error summary links to it).
    id: String,
    code: &'static str,
    label: &'static str,
    chosen: bool,
}

/// One kind, as a fieldset of radio buttons.
struct KindView {
    code: &'static str,
    label: &'static str,
    hint: &'static str,
    channels: Vec<ChannelView>,
}

#[derive(Template)]
#[template(path = "my/notifications.html")]
struct NotificationsPage {
    layout: Layout,
    kinds: Vec<KindView>,
    /// Whether text messages are offered.
    texts: bool,
    done: &'static str,
}

/// The page's title: it says "messages" once texts are offered.
fn title(texts: bool) -> &'static str {
    if texts {
        "Messages we send you"
    } else {
        "Emails we send you"
    }
}

/// The form as shown: `chosen` gives each kind's checked channel code (none checked if absent);
/// text messages are a choice only if `texts`.
fn kinds(chosen: &[(NotificationKind, String)], texts: bool) -> Vec<KindView> {
    NotificationKind::ALL
        .iter()
        .map(|k| {
            let current = chosen.iter().find(|(c, _)| c == k).map(|(_, v)| v.as_str());
            KindView {
                code: k.code(),
                label: k.label(),
                hint: k.hint(),
                channels: Channel::ALL
                    .iter()
                    .filter(|c| texts || **c != Channel::Sms)
                    .enumerate()
                    .map(|(i, c)| ChannelView {
                        id: if i == 0 {
                            k.code().to_owned()
                        } else {
                            format!("{}-{}", k.code(), c.code())
                        },
                        code: c.code(),
                        label: c.label(),
                        chosen: current == Some(c.code()),
                    })
                    .collect(),
            }
        })
        .collect()
}

async fn page(
    State(state): State<AppState>,
    user: SignedIn,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    let done = match done.done.as_str() {
        "saved" => "Your choices have been saved.",
        _ => "",
    };
    let chosen: Vec<(NotificationKind, String)> = state
        .app
        .my_notification_preferences(user.person.id)
        .await?
        .into_iter()
        .map(|(k, c)| (k, c.code().to_owned()))
        .collect();
    let texts = state.app.can_text(user.person.id).await?;
    Ok(Html(
        NotificationsPage {
            layout: Layout::for_user(title(texts), Some(&user)),
            kinds: kinds(&chosen, texts),
            texts,
            done,
        }
        .render()?,
    ))
}

async fn save(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let typed: Vec<(NotificationKind, String)> = NotificationKind::ALL
        .iter()
        .map(|k| (*k, form.get(k.code())))
        .collect();
    let input = PreferencesInput(
        typed
            .iter()
            .map(|(k, c)| (k.code().to_owned(), c.clone()))
            .collect(),
    );
    match state
        .app
        .set_my_notification_preferences(user.person.id, &input)
        .await
    {
        Ok(_) => Ok(Redirect::to("/my/notifications?done=saved").into_response()),
        Err(AppError::Invalid(errors)) => {
            let texts = state.app.can_text(user.person.id).await?;
            let layout = Layout::for_user(title(texts), Some(&user)).with_errors(errors);
            let status = layout.status();
            let html = NotificationsPage {
                layout,
                kinds: kinds(&typed, texts),
                texts,
                done: "",
            }
            .render()?;
            Ok((status, Html(html)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
