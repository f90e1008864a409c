//! What the service-user requests send, read leniently (numbers and null as text, lists as
//! lists or comma-separated text) and handed to the domain's inputs, which check them.

use domain::support::SupportedPersonInput;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::input::{text, text_list, text_or_list};
use crate::api::views::{ConsentMethodCode, GenderCode, RelationshipCode, SupportStatusCode};

/// A service user or carer to record: only what their support needs.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ServiceUserBody {
    /// Given name (required).
    #[serde(default, deserialize_with = "text")]
    pub given_name: String,
    /// Family name (required).
    #[serde(default, deserialize_with = "text")]
    pub family_name: String,
    /// Email address.
    #[serde(default, deserialize_with = "text")]
    pub email: String,
    /// Phone number.
    #[serde(default, deserialize_with = "text")]
    pub phone: String,
    /// Address lines, for home visits.
    #[serde(default, deserialize_with = "text")]
    pub address: String,
    /// Postcode, for distance to volunteers.
    #[serde(default, deserialize_with = "text")]
    pub postcode: String,
    /// Date of birth, like "1941-06-02", where known.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<NaiveDate>)]
    pub date_of_birth: String,
    /// Age band (one of the reporting bands, like "75 and over"), where the date of birth is
    /// not known.
    #[serde(default, deserialize_with = "text")]
    pub age_band: String,
    /// Main language.
    #[serde(default, deserialize_with = "text")]
    pub language: String,
    /// Communication needs, like "Hard of hearing: face her and speak clearly".
    #[serde(default, deserialize_with = "text")]
    pub communication_needs: String,
    /// Access needs, like "Ground floor only".
    #[serde(default, deserialize_with = "text")]
    pub access_needs: String,
    /// A volunteer gender they asked for, or blank for no preference.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<GenderCode>)]
    pub volunteer_gender: String,
    /// Interests: a list, or one comma-separated text.
    #[serde(default, deserialize_with = "text_or_list")]
    #[schema(value_type = Vec<String>)]
    pub interests: String,
    /// Days that suit them, `mon` … `sun` (none: any day).
    #[serde(default, deserialize_with = "text_list")]
    pub days: Vec<String>,
    /// The day they agreed to be supported (blank: not yet).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<NaiveDate>)]
    pub consent_to_support_on: String,
    /// The day they agreed to their data being kept and used for their support (blank: not
    /// yet).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<NaiveDate>)]
    pub consent_to_data_on: String,
    /// How consent was given; needed with either date.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<ConsentMethodCode>)]
    pub consent_method: String,
    /// Whether they are to be supported themselves (default true); false for a carer who is
    /// only on record as someone's carer.
    #[serde(default)]
    pub receives_support: Option<bool>,
}

impl ServiceUserBody {
    /// The domain's input, for the app to check.
    pub fn input(self) -> SupportedPersonInput {
        SupportedPersonInput {
            given_name: self.given_name,
            family_name: self.family_name,
            email: self.email,
            phone: self.phone,
            address: self.address,
            postcode: self.postcode,
            date_of_birth: self.date_of_birth,
            age_band: self.age_band,
            language: self.language,
            communication_needs: self.communication_needs,
            access_needs: self.access_needs,
            volunteer_gender: self.volunteer_gender,
            interests: self.interests,
            days: self.days,
            consent_to_support_on: self.consent_to_support_on,
            consent_to_data_on: self.consent_to_data_on,
            consent_method: self.consent_method,
            receives_support: self.receives_support.unwrap_or(true),
        }
    }
}

/// Health notes to keep.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct HealthNotesBody {
    /// Only what their support needs, at most 2,000 characters; blank removes them.
    #[serde(default, deserialize_with = "text")]
    pub health_notes: String,
}

/// A status to move a service user to.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SupportStatusBody {
    /// `assessed` or `closed` (matched and supported follow their matches).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = SupportStatusCode)]
    pub status: String,
    /// Why support is ending (needed for `closed`).
    #[serde(default, deserialize_with = "text")]
    pub reason: String,
}

/// A carer to link.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CarerBody {
    /// The carer's id (a service user or carer of this organisation).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub carer_id: String,
    /// How the carer is related to the person they care for.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = RelationshipCode)]
    pub relationship: String,
}
