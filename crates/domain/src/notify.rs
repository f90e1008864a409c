//! How an organisation's messages leave: through this server's SMTP mailer, through GOV.UK
//! Notify (email and text messages), or not at all; and the rules for the Notify settings, the
//! channel a message takes and the delivery receipts Notify sends back.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::ids::OrganisationId;
use crate::labelled_enum;
use crate::notification::Channel;
use crate::values::InvalidValue;
use crate::{FieldErrors, Labelled};

labelled_enum!(
    /// Who sends an organisation's messages.
    Provider {
        /// The server-wide SMTP mailer (the default).
        Smtp = "smtp": "Email from this server",
        /// GOV.UK Notify, with the organisation's own API key: email and text messages.
        Notify = "notify": "GOV.UK Notify (email and text messages)",
        /// Nothing is sent; messages are kept in the log, marked not sent.
        None = "none": "Do not send messages",
    }
);

labelled_enum!(
    /// How one queued message travels.
    Medium {
        /// An email.
        Email = "email": "Email",
        /// A text message (SMS) to a mobile phone.
        Sms = "sms": "Text message",
    }
);

labelled_enum!(
    /// What GOV.UK Notify said became of a message (its delivery receipt), with its own codes.
    ReceiptStatus {
        /// It reached the phone or the inbox.
        Delivered = "delivered": "Delivered",
        /// The address or number does not exist, or the phone refused it.
        PermanentFailure = "permanent-failure": "Not delivered: address or number not in use",
        /// The inbox was full or the phone was off for 72 hours.
        TemporaryFailure = "temporary-failure": "Not delivered: inbox full or phone off",
        /// Notify could not send it.
        TechnicalFailure = "technical-failure": "Not delivered: a problem at GOV.UK Notify",
    }
);

/// How long the message log keeps who a message went to and what it said. GOV.UK Notify keeps
/// the same for 7 days; the kind, channel, times and status stay.
pub const MESSAGE_DETAIL_DAYS: i64 = 7;

/// The longest text message we send: two SMS fragments of 153 characters each, so a text costs
/// at most two of the organisation's free allowance.
pub const SMS_MAX_CHARS: usize = 306;

/// A GOV.UK Notify API key: `{key_name}-{service id}-{secret key}`, the last two UUIDs.
#[derive(Clone, PartialEq, Eq)]
pub struct NotifyApiKey {
    whole: String,
    name_len: usize,
}

impl std::fmt::Debug for NotifyApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret never reaches a log through `{:?}`.
        write!(f, "NotifyApiKey({})", self.masked())
    }
}

const KEY_MESSAGE: &str = "Enter the whole API key as GOV.UK Notify showed it: the key's name, then \
                           two codes of 36 letters, numbers and hyphens each";

impl NotifyApiKey {
    /// Parses a key as GOV.UK Notify shows it (surrounding spaces ignored). The key name may
    /// itself contain hyphens, so the two UUIDs are read from the end.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let whole = input.trim();
        // 36 characters each, and a hyphen before each.
        const TAIL: usize = 36 + 1 + 36;
        if whole.len() < TAIL + 2 || !whole.is_ascii() {
            return Err(InvalidValue::new(KEY_MESSAGE));
        }
        let name_len = whole.len() - TAIL - 1;
        let (name, rest) = whole.split_at(name_len);
        let ok = rest.starts_with('-')
            && rest.as_bytes()[37] == b'-'
            && is_uuid(&rest[1..37])
            && is_uuid(&rest[38..])
            && name.chars().all(|c| c.is_ascii_graphic());
        if !ok {
            return Err(InvalidValue::new(KEY_MESSAGE));
        }
        Ok(Self {
            whole: whole.to_owned(),
            name_len,
        })
    }

    /// The key as given (a secret: store it, never show it).
    pub fn expose(&self) -> &str {
        &self.whole
    }

    /// The key's name, chosen in Notify.
    pub fn name(&self) -> &str {
        &self.whole[..self.name_len]
    }

    /// The Notify service the key belongs to: the JWT's `iss`.
    pub fn service_id(&self) -> &str {
        &self.whole[self.name_len + 1..self.name_len + 37]
    }

    /// The secret that signs each request's JWT.
    pub fn secret(&self) -> &str {
        &self.whole[self.name_len + 38..]
    }

    /// The key as it may be shown back: its name, the service, and the secret's last four
    /// characters.
    pub fn masked(&self) -> String {
        let secret = self.secret();
        format!(
            "{}-{}-…{}",
            self.name(),
            self.service_id(),
            &secret[secret.len() - 4..]
        )
    }
}

/// Whether `s` is a UUID written the usual way (8-4-4-4-12 hexadecimal digits).
fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// An organisation's notification settings as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationSettings {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// Who sends its messages.
    pub provider: Provider,
    /// The GOV.UK Notify API key, once given (kept when switching away, so switching back
    /// needs no new key).
    pub api_key: Option<NotifyApiKey>,
    /// The Notify email template: subject `((subject))`, body `((body))`.
    pub email_template_id: Option<Uuid>,
    /// The Notify text message template: `((body))`. Without it no texts are sent.
    pub sms_template_id: Option<Uuid>,
    /// SHA-256 of the bearer token Notify sends with delivery receipts.
    pub callback_token_hash: Option<String>,
    /// When last changed.
    pub updated_at: DateTime<Utc>,
}

impl NotificationSettings {
    /// The settings of an organisation that has chosen nothing: this server's mailer.
    pub fn default_for(organisation_id: OrganisationId, now: DateTime<Utc>) -> Self {
        Self {
            organisation_id,
            provider: Provider::Smtp,
            api_key: None,
            email_template_id: None,
            sms_template_id: None,
            callback_token_hash: None,
            updated_at: now,
        }
    }

    /// Whether the organisation can send text messages now.
    pub fn sends_sms(&self) -> bool {
        self.provider == Provider::Notify
            && self.api_key.is_some()
            && self.sms_template_id.is_some()
    }
}

/// The settings form as typed. A blank API key keeps the one already stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotificationSettingsInput {
    /// Provider code.
    pub provider: String,
    /// A new API key, or blank to keep the stored one.
    pub api_key: String,
    /// The email template's id.
    pub email_template_id: String,
    /// The text message template's id (optional).
    pub sms_template_id: String,
}

impl NotificationSettingsInput {
    /// The form filled from stored settings (the key is never put back in the form).
    pub fn from_settings(s: &NotificationSettings) -> Self {
        Self {
            provider: s.provider.code().to_owned(),
            api_key: String::new(),
            email_template_id: s
                .email_template_id
                .map(|u| u.to_string())
                .unwrap_or_default(),
            sms_template_id: s.sms_template_id.map(|u| u.to_string()).unwrap_or_default(),
        }
    }

    /// The new settings from `current`, or the field errors. Notify needs an API key (typed
    /// now or stored) and an email template; the text template is optional.
    pub fn apply(
        &self,
        current: &NotificationSettings,
        now: DateTime<Utc>,
    ) -> Result<NotificationSettings, FieldErrors> {
        let mut errors = FieldErrors::new();
        let provider = Provider::from_code(self.provider.trim());
        if provider.is_none() {
            errors.add(
                "provider",
                "Choose how to send your organisation's messages",
            );
        }
        let api_key = if self.api_key.trim().is_empty() {
            current.api_key.clone()
        } else {
            match NotifyApiKey::parse(&self.api_key) {
                Ok(k) => Some(k),
                Err(e) => {
                    errors.add("api_key", e.0);
                    None
                }
            }
        };
        let template = |errors: &mut FieldErrors, field: &str, text: &str| {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            match Uuid::parse_str(text).ok().filter(|_| is_uuid(text)) {
                Some(u) => Some(u),
                None => {
                    errors.add(
                        field,
                        "Enter the template ID as GOV.UK Notify shows it, like f33517ff-2a88-4f6e-b855-c550268ce08a",
                    );
                    None
                }
            }
        };
        let email_template_id = template(&mut errors, "email_template_id", &self.email_template_id);
        let sms_template_id = template(&mut errors, "sms_template_id", &self.sms_template_id);
        if provider == Some(Provider::Notify) {
            if api_key.is_none() && !errors.0.iter().any(|e| e.field == "api_key") {
                errors.add("api_key", "Enter your GOV.UK Notify API key");
            }
            if email_template_id.is_none() && self.email_template_id.trim().is_empty() {
                errors.add(
                    "email_template_id",
                    "Enter the ID of your GOV.UK Notify email template",
                );
            }
        }
        match provider {
            Some(provider) if errors.is_empty() => Ok(NotificationSettings {
                organisation_id: current.organisation_id,
                provider,
                api_key,
                email_template_id,
                sms_template_id,
                callback_token_hash: current.callback_token_hash.clone(),
                updated_at: now,
            }),
            _ => Err(errors),
        }
    }
}

/// How a message a volunteer chose `chosen` for travels: `None` if they chose not to hear,
/// by text only where the organisation sends texts and they have a mobile number, otherwise
/// by email (a text they cannot get becomes an email rather than nothing).
pub fn medium_for(chosen: Channel, can_text: bool) -> Option<Medium> {
    match chosen {
        Channel::None => None,
        Channel::Sms if can_text => Some(Medium::Sms),
        Channel::Email | Channel::Sms => Some(Medium::Email),
    }
}

/// The text message for an email: its subject, then the first web address in its body (where
/// the volunteer can act on it), cut to [`SMS_MAX_CHARS`].
pub fn sms_text(subject: &str, body: &str) -> String {
    let link = body
        .split_whitespace()
        .find(|w| w.starts_with("https://") || w.starts_with("http://"))
        .map(|w| w.trim_end_matches(['.', ',', ')', ';', ':']));
    let subject = subject.trim();
    let mut text = match link {
        Some(link) => format!("{subject}\n{link}"),
        None => subject.to_owned(),
    };
    if text.chars().count() > SMS_MAX_CHARS {
        // Keep the link whole where there is one: cut the subject instead.
        let keep = link.map_or(0, |l| l.chars().count() + 2);
        let room = SMS_MAX_CHARS.saturating_sub(keep);
        let short: String = subject.chars().take(room).collect();
        text = match link {
            Some(link) if keep < SMS_MAX_CHARS => format!("{short}…\n{link}"),
            _ => text.chars().take(SMS_MAX_CHARS - 1).collect::<String>() + "…",
        };
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "my_test-key-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";

    #[test]
    fn api_keys_split_from_the_end() {
        let key = NotifyApiKey::parse(&format!("  {KEY} ")).unwrap();
        assert_eq!(key.name(), "my_test-key");
        assert_eq!(key.service_id(), "26785a09-ab16-4eb0-8407-a37497a57506");
        assert_eq!(key.secret(), "3d844edf-8d35-48ac-975b-e847b4f122b0");
        assert_eq!(key.expose(), KEY);
        let masked = key.masked();
        assert!(masked.ends_with("…22b0") && !masked.contains(key.secret()));
        assert!(!format!("{key:?}").contains(key.secret()));
    }

    #[test]
    fn malformed_keys_are_refused() {
        for bad in [
            "",
            "26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0",
            "name-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122bz",
            "name-26785a09ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0x",
            "na me-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0",
            "name_26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0",
            "ключ-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0",
        ] {
            assert!(NotifyApiKey::parse(bad).is_err(), "{bad}");
        }
    }

    fn input(provider: &str, key: &str, email: &str, sms: &str) -> NotificationSettingsInput {
        NotificationSettingsInput {
            provider: provider.into(),
            api_key: key.into(),
            email_template_id: email.into(),
            sms_template_id: sms.into(),
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    #[test]
    fn notify_needs_a_key_and_an_email_template() {
        let current = NotificationSettings::default_for(OrganisationId::new(), now());
        let errors = input("notify", "", "", "")
            .apply(&current, now())
            .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["api_key", "email_template_id"]);

        let email = "f33517ff-2a88-4f6e-b855-c550268ce08a";
        let set = input("notify", KEY, email, "")
            .apply(&current, now())
            .unwrap();
        assert_eq!(set.provider, Provider::Notify);
        assert!(!set.sends_sms(), "no text template, no texts");

        // A blank key keeps the stored one; the text template turns texts on.
        let again = input("notify", "", email, "1a2b3c4d-2a88-4f6e-b855-c550268ce08a")
            .apply(&set, now())
            .unwrap();
        assert_eq!(again.api_key, set.api_key);
        assert!(again.sends_sms());
    }

    #[test]
    fn bad_settings_are_named_by_field() {
        let current = NotificationSettings::default_for(OrganisationId::new(), now());
        let errors = input(
            "pigeon",
            "nonsense",
            "not-a-uuid",
            "{f33517ff2a884f6eb855c550268ce08a}",
        )
        .apply(&current, now())
        .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "provider",
                "api_key",
                "email_template_id",
                "sms_template_id"
            ]
        );
        // Leaving Notify keeps the key for later.
        let none = input("none", "", "", "").apply(&current, now()).unwrap();
        assert_eq!(none.provider, Provider::None);
    }

    #[test]
    fn texts_go_only_where_they_can() {
        assert_eq!(medium_for(Channel::Sms, true), Some(Medium::Sms));
        assert_eq!(medium_for(Channel::Sms, false), Some(Medium::Email));
        assert_eq!(medium_for(Channel::Email, true), Some(Medium::Email));
        assert_eq!(medium_for(Channel::None, true), None);
    }

    #[test]
    fn a_text_is_the_subject_and_the_first_link() {
        let body = "Hello Asha,\n\nYou are volunteering tomorrow.\n\nIf you cannot come, cancel at \
                    https://v.example.org/my/shifts.\n\nChoose at https://v.example.org/my/notifications\n";
        assert_eq!(
            sms_text("Tomorrow: Ward helper at Main site", body),
            "Tomorrow: Ward helper at Main site\nhttps://v.example.org/my/shifts"
        );
        assert_eq!(sms_text(" Hello ", "no links"), "Hello");
        let long = "x".repeat(400);
        let text = sms_text(&long, "see https://v.example.org/my/offer/abc");
        assert_eq!(text.chars().count(), SMS_MAX_CHARS);
        assert!(text.ends_with("\nhttps://v.example.org/my/offer/abc"));
        assert_eq!(sms_text(&long, "").chars().count(), SMS_MAX_CHARS);
    }
}
