//! `alongside organisation create`: how a new organisation joins an Alongside server.

use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use domain::organisation::OrganisationInput;

use crate::DatabaseArgs;

/// The organisation's details and its first admin.
#[derive(Args)]
pub struct CreateArgs {
    /// Full name, e.g. "Riverside University Hospitals NHS Foundation Trust".
    #[arg(long)]
    name: String,
    /// Short name for web addresses: lower-case letters, numbers and hyphens.
    #[arg(long)]
    slug: String,
    /// Sector: nhs, other_public, voluntary or private.
    #[arg(long)]
    sector: String,
    /// Kind: acute_trust, community_trust, mental_health_trust, icb, gp_practice, hospice,
    /// charity, local_authority, social_enterprise or company.
    #[arg(long)]
    kind: String,
    /// ODS code (NHS organisations).
    #[arg(long, default_value = "")]
    ods_code: String,
    /// Registered charity number (charities).
    #[arg(long, default_value = "")]
    charity_number: String,
    /// Address.
    #[arg(long, default_value = "")]
    address: String,
    /// Postcode.
    #[arg(long)]
    postcode: String,
    /// Email address of an existing account, who becomes the organisation admin.
    #[arg(long)]
    admin_email: String,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// Creates the organisation, or prints each problem and exits with status 2.
pub async fn create(args: CreateArgs) -> anyhow::Result<()> {
    let store = store::open(&args.database.database_url)
        .await
        .context("opening the database")?;
    let app = app::App::new(store, Arc::new(app::SystemClock), "");
    let input = OrganisationInput {
        name: args.name,
        slug: args.slug,
        sector: args.sector,
        kind: args.kind,
        ods_code: args.ods_code,
        charity_number: args.charity_number,
        address: args.address,
        postcode: args.postcode,
    };
    match app.create_organisation_for(&input, &args.admin_email).await {
        Ok(org) => {
            println!(
                "Created {} ({}). {} is its organisation admin.",
                org.name,
                org.slug,
                args.admin_email.trim()
            );
            Ok(())
        }
        Err(app::AppError::Invalid(errors)) => {
            for e in errors.0 {
                eprintln!("error: --{}: {}", e.field.replace('_', "-"), e.message);
            }
            std::process::exit(2);
        }
        Err(e) => Err(e.into()),
    }
}
