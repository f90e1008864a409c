//! The manager's list of checks and training running out.

use domain::FieldErrors;
use domain::staff::Capability;

use crate::ports::ExpiringCheck;
use crate::{App, AppError, OrgScope};

/// The longest look-ahead for the expiring list (two years).
pub const MAX_EXPIRING_DAYS: u32 = 730;
/// How far back the expiring list shows items that have already lapsed.
pub const RECENTLY_EXPIRED_DAYS: i64 = 30;

impl App {
    /// Verified checks and training expiring in the next `days` days (and those that expired in
    /// the last 30, still to renew), soonest first. Audited as a read of check data.
    pub async fn expiring_checks(
        &self,
        scope: &OrgScope,
        days: u32,
    ) -> Result<Vec<ExpiringCheck>, AppError> {
        scope.require(Capability::ViewChecks)?;
        if days > MAX_EXPIRING_DAYS {
            return Err(FieldErrors::one(
                "days",
                format!("Enter a number of days from 0 to {MAX_EXPIRING_DAYS}"),
            )
            .into());
        }
        let today = self.clock.today();
        let org = scope.organisation_id();
        let rows = self
            .store
            .expiring_checks(
                org,
                today - chrono::Duration::days(RECENTLY_EXPIRED_DAYS),
                today + chrono::Duration::days(i64::from(days)),
            )
            .await?;
        self.store
            .apply(vec![self.check_audit(
                org,
                scope.actor(),
                "checks.listed",
                org.0,
                &format!("expiring within {days} days"),
            )])
            .await?;
        Ok(rows)
    }
}
