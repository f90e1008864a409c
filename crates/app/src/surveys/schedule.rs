//! Sending surveys: the scheduler finds who is due which occasion (from placements becoming
//! active and ending, and from a sample of attended shifts) and queues one job per invitation;
//! the job sends it with a fresh link. Reminders go the same way, once, with their own link.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::Labelled;
use domain::audit::{Actor, AuditEntry};
use domain::engagement::EngagementStatus;
use domain::ids::{JobId, OrganisationId, PersonId, RoleId, SiteId, SurveyInvitationId};
use domain::notification::NotificationKind;
use domain::rota::attendance::AttendanceStatus;
use domain::rota::from_utc;
use domain::surveys::{
    LATE_START_DAYS, Occasion, SurveyInvitation, SurveyPlan, due_on, pulse_sampled,
};

use crate::ports::{Job, SurveyCandidate, Write};
use crate::{App, AppError, tokens};

/// The job kind that sends one survey invitation.
pub(crate) const SURVEY_INVITE: &str = "survey-invite";
/// The job kind that sends one survey reminder.
pub(crate) const SURVEY_REMINDER: &str = "survey-reminder";
/// Attended shifts that ended this many hours ago or less can be followed by a pulse survey.
const PULSE_LOOKBACK_HOURS: i64 = 48;

fn day(at: DateTime<Utc>) -> NaiveDate {
    from_utc(at).date()
}

/// One invitation to send: to whom, for what, and about which stint, leaving day or shift.
struct Due {
    org: OrganisationId,
    person: PersonId,
    role: Option<RoleId>,
    site: Option<SiteId>,
    occasion: Occasion,
    subject: String,
}

/// The occasions due today for one person's placements with one organisation.
fn due_for_person(placements: &[&SurveyCandidate], today: NaiveDate) -> Vec<Due> {
    let Some(first) = placements.first() else {
        return vec![];
    };
    let recent = |d: NaiveDate| d <= today && (today - d).num_days() <= LATE_START_DAYS;
    let mut due = Vec::new();
    let current: Vec<_> = placements.iter().filter(|p| p.ended_at.is_none()).collect();
    if first.engagement == EngagementStatus::Active
        && let Some(start) = current.iter().min_by_key(|p| p.activated_at)
    {
        let since = day(start.activated_at);
        for occasion in [Occasion::Baseline].into_iter().chain(Occasion::FOLLOW_UPS) {
            if due_on(occasion, since, None).is_some_and(recent) {
                due.push(Due {
                    org: start.organisation_id,
                    person: start.person_id,
                    role: Some(start.role_id),
                    site: None,
                    occasion,
                    subject: format!("stint:{since}"),
                });
            }
        }
    }
    if first.engagement == EngagementStatus::Left
        && current.is_empty()
        && let Some(last) = placements.iter().max_by_key(|p| p.ended_at)
        && let Some(left) = last.ended_at.map(day)
        && recent(left)
    {
        due.push(Due {
            org: last.organisation_id,
            person: last.person_id,
            role: Some(last.role_id),
            site: None,
            occasion: Occasion::Exit,
            subject: format!("left:{left}"),
        });
    }
    due
}

/// The job that sends `due`'s invitation; its dedupe key makes it happen once.
fn invitation_job(d: &Due, now: DateTime<Utc>) -> Write {
    let role = d.role.map_or_else(|| "-".to_owned(), |r| r.to_string());
    let site = d.site.map_or_else(|| "-".to_owned(), |s| s.to_string());
    Write::EnqueueJob(Job {
        id: JobId::new(),
        kind: SURVEY_INVITE.into(),
        dedupe_key: format!(
            "{SURVEY_INVITE}:{}:{}:{}:{}",
            d.org,
            d.person,
            d.occasion.code(),
            d.subject
        ),
        organisation_id: Some(d.org),
        payload: format!(
            "{} {} {} {role} {site}",
            d.person,
            d.occasion.code(),
            d.subject
        ),
        run_at: now,
        attempts: 0,
    })
}

impl App {
    /// Queues one invitation to `person` for `occasion` about `subject` (for example an
    /// attended shift), sent by the job queue like the scheduled ones, following the
    /// organisation's plan; nothing is sent if that occasion is switched off.
    pub async fn queue_survey_invitation(
        &self,
        org: OrganisationId,
        person: PersonId,
        role: Option<RoleId>,
        occasion: Occasion,
        subject: &str,
    ) -> Result<(), AppError> {
        let due = Due {
            org,
            person,
            role,
            site: None,
            occasion,
            subject: subject.to_owned(),
        };
        self.store
            .apply(vec![invitation_job(&due, self.clock.now())])
            .await?;
        Ok(())
    }

    /// Jobs to send the survey invitations and reminders now due, across every organisation.
    /// Each has a dedupe key, so running this often sends each invitation once.
    pub(crate) async fn schedule_surveys(&self) -> Result<Vec<Write>, AppError> {
        let now = self.clock.now();
        let today = self.uk_today();
        let since = now - Duration::days(366 + LATE_START_DAYS);
        let candidates = self.store.survey_candidates(since).await?;
        let mut people: BTreeMap<(OrganisationId, PersonId), Vec<&SurveyCandidate>> =
            BTreeMap::new();
        for c in &candidates {
            people
                .entry((c.organisation_id, c.person_id))
                .or_default()
                .push(c);
        }
        let mut due: Vec<Due> = people
            .values()
            .flat_map(|p| due_for_person(p, today))
            .collect();
        let mut plans: HashMap<OrganisationId, HashMap<Occasion, SurveyPlan>> = HashMap::new();
        for org in self.store.organisations().await? {
            let org_plans = self.survey_plans_of(org.id).await?;
            let pulse = org_plans.get(&Occasion::Pulse).cloned();
            plans.insert(org.id, org_plans);
            let Some(pulse) = pulse.filter(|p| p.enabled) else {
                continue;
            };
            let attended = self
                .store
                .attendance_between(org.id, now - Duration::hours(PULSE_LOOKBACK_HOURS), now)
                .await?;
            for row in attended {
                let a = &row.attendance;
                if a.status == AttendanceStatus::Attended
                    && row.ends_at <= now
                    && pulse_sampled(a.id.0, pulse.pulse_one_in)
                {
                    due.push(Due {
                        org: org.id,
                        person: a.person_id,
                        role: Some(row.role_id),
                        site: Some(row.site_id),
                        occasion: Occasion::Pulse,
                        subject: format!("attendance:{}", a.id),
                    });
                }
            }
        }
        let mut writes: Vec<Write> = due
            .into_iter()
            .filter(|d| {
                plans
                    .get(&d.org)
                    .and_then(|p| p.get(&d.occasion))
                    .is_some_and(|p| p.enabled)
            })
            .map(|d| invitation_job(&d, now))
            .collect();
        for inv in self.store.survey_reminders_due(now).await? {
            writes.push(Write::EnqueueJob(Job {
                id: JobId::new(),
                kind: SURVEY_REMINDER.into(),
                dedupe_key: format!("{SURVEY_REMINDER}:{}", inv.id),
                organisation_id: Some(inv.organisation_id),
                payload: inv.id.to_string(),
                run_at: now,
                attempts: 0,
            }));
        }
        Ok(writes)
    }

    /// Sends one invitation, following the organisation's plan as it stands now.
    pub(crate) async fn send_survey_invitation(&self, job: &Job) -> Result<Vec<Write>, AppError> {
        let bad = || AppError::Internal(format!("bad job payload {}", job.payload));
        let org_id = job.organisation_id.ok_or_else(bad)?;
        let parts: Vec<&str> = job.payload.split(' ').collect();
        let (person, occasion, subject, role, site) = match parts[..] {
            [person, occasion, subject, role] => (person, occasion, subject, role, "-"),
            [person, occasion, subject, role, site] => (person, occasion, subject, role, site),
            _ => return Err(bad()),
        };
        let person: PersonId = person.parse().map_err(|_| bad())?;
        let occasion = Occasion::from_code(occasion).ok_or_else(bad)?;
        let role: Option<RoleId> = role.parse().ok();
        let mut site: Option<SiteId> = site.parse().ok();
        if site.is_none()
            && let Some(role) = role
            && let Some(found) = self.store.role(org_id, role).await?
            && let [only] = found.site_ids[..]
        {
            // Answers are reported under the role's site when it has only one.
            site = Some(only);
        }
        let plan = self.survey_plans_of(org_id).await?.remove(&occasion);
        let Some(plan) = plan.filter(|p| p.enabled && !p.instruments.is_empty()) else {
            return Ok(vec![]);
        };
        let Some(org) = self.store.organisation(org_id).await? else {
            return Ok(vec![]);
        };
        let now = self.clock.now();
        let mut invitation = SurveyInvitation::new(&plan, person, role, now);
        invitation.site_id = site;
        let token = tokens::generate();
        let subject_line = format!("How is volunteering with {} going?", org.name);
        let body = self.invitation_email(&org.name, &invitation, &token, false);
        let Some(message) = self
            .volunteer_message(
                org.id,
                person,
                NotificationKind::Survey,
                &subject_line,
                body,
            )
            .await?
        else {
            return Ok(vec![]);
        };
        Ok(vec![
            Write::InsertSurveyInvitation(invitation.clone(), tokens::hash(&token), subject.into()),
            message,
            Write::Audit(
                AuditEntry::new(
                    Some(org_id),
                    Actor::System,
                    "survey.invited",
                    "person",
                    person.0,
                    now,
                )
                .with_detail(occasion.code().to_owned()),
            ),
        ])
    }

    /// Sends an invitation's one reminder, with a link of its own, unless it has been answered,
    /// has closed or was already reminded.
    pub(crate) async fn send_survey_reminder(&self, job: &Job) -> Result<Vec<Write>, AppError> {
        let bad = || AppError::Internal(format!("bad job payload {}", job.payload));
        let org_id = job.organisation_id.ok_or_else(bad)?;
        let id: SurveyInvitationId = job.payload.parse().map_err(|_| bad())?;
        let now = self.clock.now();
        let Some(invitation) = self.store.survey_invitation(org_id, id).await? else {
            return Ok(vec![]);
        };
        if !invitation.reminder_due(now) {
            return Ok(vec![]);
        }
        let Some(org) = self.store.organisation(org_id).await? else {
            return Ok(vec![]);
        };
        let token = tokens::generate();
        let body = self.invitation_email(&org.name, &invitation, &token, true);
        let mut writes = vec![Write::MarkSurveyReminded(
            org_id,
            invitation.id,
            tokens::hash(&token),
        )];
        writes.extend(
            self.volunteer_message(
                org_id,
                invitation.person_id,
                NotificationKind::Survey,
                &format!("A reminder: how is volunteering with {} going?", org.name),
                body,
            )
            .await?,
        );
        Ok(writes)
    }

    fn invitation_email(
        &self,
        org_name: &str,
        invitation: &SurveyInvitation,
        token: &str,
        reminder: bool,
    ) -> String {
        let questions: usize = invitation.instruments.iter().map(|i| i.items.len()).sum();
        let privacy = if invitation.anonymous {
            "Your answers are anonymous: they are kept with no link to you, and are only ever \
             shown in totals of five people or more."
        } else {
            "Your answers are kept with your name, so that you can see how things change for you \
             over time (under My wellbeing) and so that we can learn what volunteering does for \
             the people who give their time. Reports only ever show totals of five people or more."
        };
        let opening = if reminder {
            "A gentle reminder: we would still love to hear from you, if you have a few minutes."
        } else {
            "We would like to hear how volunteering is going for you."
        };
        format!(
            "Hello,\n\n{opening} There are {questions} short questions from {org_name}; you can \
             skip any you would rather not answer, and you do not need to sign in.\n\n\
             {}/surveys/{token}\n\n{privacy}\n\nThe link works until {}.\n\n\
             You can choose not to be sent surveys under Notifications when you sign in.\n",
            self.base_url,
            from_utc(invitation.closes_at).format("%-d %B %Y"),
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn candidate(
        activated: NaiveDate,
        ended: Option<NaiveDate>,
        engagement: EngagementStatus,
    ) -> SurveyCandidate {
        let at = |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(10, 0, 0).unwrap());
        SurveyCandidate {
            organisation_id: OrganisationId::new(),
            person_id: PersonId::new(),
            role_id: RoleId::new(),
            activated_at: at(activated),
            ended_at: ended.map(at),
            engagement,
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_new_volunteer_is_due_a_baseline_and_later_the_follow_ups_on_time() {
        let c = candidate(d(2026, 5, 1), None, EngagementStatus::Active);
        let due = |today| {
            due_for_person(&[&c], today)
                .into_iter()
                .map(|d| d.occasion)
                .collect::<Vec<_>>()
        };
        assert_eq!(due(d(2026, 5, 1)), [Occasion::Baseline]);
        assert_eq!(due(d(2026, 5, 15)), [Occasion::Baseline]);
        assert!(due(d(2026, 5, 16)).is_empty(), "too late for a baseline");
        assert_eq!(due(d(2026, 8, 3)), [Occasion::ThreeMonths]);
        assert_eq!(due(d(2027, 5, 1)), [Occasion::TwelveMonths]);
    }

    #[test]
    fn a_leaver_is_due_an_exit_survey_and_no_more_follow_ups() {
        let c = candidate(d(2026, 5, 1), Some(d(2026, 8, 1)), EngagementStatus::Left);
        let due = due_for_person(&[&c], d(2026, 8, 3));
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].occasion, Occasion::Exit);
        assert_eq!(due[0].subject, "left:2026-08-01");
        let paused = candidate(d(2026, 5, 1), None, EngagementStatus::Paused);
        assert!(due_for_person(&[&paused], d(2026, 5, 1)).is_empty());
    }
}
