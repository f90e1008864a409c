//! Expense claims in the demo: a few active volunteers at each organisation claim bus fares,
//! parking and mileage from the last fortnight; the volunteer manager has approved one, asked a
//! question about another, and left the rest waiting in the queue.

use anyhow::Result;
use app::App;
use app::expenses::manage::ClaimDecision;
use app::ports::VolunteerSearch;
use chrono::Duration;
use domain::engagement::EngagementStatus;
use domain::expenses::{ClaimInput, ExpenseClaim};

use super::Explain;
use super::organisations::SeededOrg;

/// How many active volunteers at each organisation make claims.
const CLAIMANTS: u32 = 3;

/// One claim's fields, `days` ago.
fn claim(
    app: &App,
    days: i64,
    category: &str,
    description: &str,
    amount: &str,
    miles: &str,
) -> ClaimInput {
    let today = domain::rota::from_utc(app.clock.now()).date();
    ClaimInput {
        category: category.into(),
        date: (today - Duration::days(days)).to_string(),
        description: description.into(),
        amount: amount.into(),
        vehicle: if miles.is_empty() {
            String::new()
        } else {
            "car".into()
        },
        miles: miles.into(),
        ..ClaimInput::default()
    }
}

/// Adds the claims and the manager's decisions on some of them.
pub(super) async fn add_claims(app: &App, orgs: &[SeededOrg]) -> Result<()> {
    for org in orgs {
        let slug = org.scope.organisation().slug.to_string();
        let search = VolunteerSearch {
            status: Some(EngagementStatus::Active),
            page: 1,
            per_page: CLAIMANTS,
            ..VolunteerSearch::default()
        };
        let people = app
            .volunteers(&org.scope, search)
            .await
            .explain(|| format!("listing volunteers at {slug}"))?;
        let mut made: Vec<ExpenseClaim> = Vec::new();
        for (n, row) in people.items.iter().enumerate() {
            let n = i64::try_from(n).unwrap_or(0);
            let inputs = [
                claim(
                    app,
                    12 - n,
                    "fares",
                    "Return bus fare from home to my volunteering",
                    "4.80",
                    "",
                ),
                claim(
                    app,
                    9 - n,
                    "parking",
                    "Hospital car park during my shift",
                    "3.50",
                    "",
                ),
                claim(
                    app,
                    5 - n,
                    "mileage",
                    "Drove to the induction session and back",
                    "",
                    "14",
                ),
            ];
            for input in inputs.iter().take(usize::try_from(n).unwrap_or(0) + 1) {
                match app
                    .submit_expense_claim(row.person.id, &slug, input, None)
                    .await
                {
                    Ok(c) => made.push(c),
                    // Someone active with the organisation but not (or no longer) in a role.
                    Err(app::AppError::NotFound) => break,
                    Err(e) => return Err(e).explain(|| format!("claiming expenses at {slug}")),
                }
            }
        }
        if let Some(first) = made.first() {
            app.decide_expense_claim(&org.scope, first.id, &ClaimDecision::Approve)
                .await
                .explain(|| "approving a demo claim".into())?;
        }
        if let Some(parking) = made.get(2) {
            let question = "Thank you. Could you add a photo of the parking ticket, please?";
            app.decide_expense_claim(
                &org.scope,
                parking.id,
                &ClaimDecision::Query(question.into()),
            )
            .await
            .explain(|| "asking about a demo claim".into())?;
        }
    }
    Ok(())
}
