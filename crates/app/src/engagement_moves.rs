//! The rules and writes for a manager moving a volunteer's engagement on (active → paused,
//! anything → left…), shared by the status form on their record and by a re-import whose file
//! gives them a different status, so both refuse the same moves with the same words.

use chrono::{DateTime, Utc};
use domain::audit::AuditEntry;
use domain::compliance::PlacementStatus;
use domain::engagement::{EngagementStatus, LeavingReason};
use domain::ids::{EngagementId, PersonId};
use domain::{FieldErrors, Labelled};

use crate::applications::event;
use crate::ports::Write;
use crate::{App, AppError, OrgScope};

/// Why a manager may not move an engagement from `from` to `to` (fields `status`,
/// `leaving_reason` and `note`), or nothing.
pub(crate) fn move_errors(
    from: EngagementStatus,
    to: EngagementStatus,
    leaving_reason: Option<LeavingReason>,
    note: &str,
) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if !from.can_move_to(to) {
        errors.add(
            "status",
            format!(
                "Someone who is {} cannot be moved to {}",
                from.label().to_lowercase(),
                to.label().to_lowercase()
            ),
        );
    }
    if from == EngagementStatus::Onboarding && to == EngagementStatus::Active {
        // Eligibility is the gate: someone becomes active by starting in a role whose checks
        // and training are complete, never by a status change alone.
        errors.add(
            "status",
            "Start them in a role from their checklist; they become active when every check and training item for it is complete",
        );
    }
    if to == EngagementStatus::Left && leaving_reason.is_none() {
        errors.add("leaving_reason", "Select why they are leaving");
    }
    if leaving_reason == Some(LeavingReason::Other) && note.trim().is_empty() {
        errors.add("note", "Say why they are leaving");
    }
    errors
}

/// An engagement to move, as the store holds it now.
pub(crate) struct Move<'a> {
    /// Whose.
    pub person_id: PersonId,
    /// Which.
    pub engagement_id: EngagementId,
    /// Its status now (the move fails with a conflict if it changed meanwhile).
    pub from: EngagementStatus,
    /// The status wanted.
    pub to: EngagementStatus,
    /// Why they left, when `to` is left.
    pub leaving_reason: Option<LeavingReason>,
    /// The history line's note.
    pub note: &'a str,
}

impl App {
    /// The writes for a move already checked with [`move_errors`]: the conditional move, its
    /// history line and audit entry, and (for someone leaving) the end of their roles.
    pub(crate) async fn move_writes(
        &self,
        scope: &OrgScope,
        m: &Move<'_>,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Write>, AppError> {
        let org = scope.organisation_id();
        let leaving = m.to == EngagementStatus::Left;
        let mut writes = vec![
            Write::MoveEngagement {
                organisation_id: org,
                id: m.engagement_id,
                from: m.from,
                to: m.to,
                leaving_reason: m.leaving_reason.filter(|_| leaving),
                leaving_note: if leaving {
                    m.note.to_owned()
                } else {
                    String::new()
                },
            },
            event(org, m.engagement_id, Some(m.from), m.to, now, by, m.note),
            Write::Audit(AuditEntry::new(
                Some(org),
                scope.actor().clone(),
                &format!("engagement.{}", m.to.code()),
                "engagement",
                m.engagement_id.0,
                now,
            )),
        ];
        if leaving {
            // Someone who leaves leaves their roles too: off the onboarding board, out of rotas.
            for p in self.store.placements_of(org, m.person_id).await? {
                if p.placement.status != PlacementStatus::Ended {
                    writes.push(Write::MovePlacement {
                        organisation_id: org,
                        id: p.placement.id,
                        from: p.placement.status,
                        to: PlacementStatus::Ended,
                        at: now,
                    });
                }
            }
        }
        Ok(writes)
    }
}
