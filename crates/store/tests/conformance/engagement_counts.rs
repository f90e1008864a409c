//! Dashboard counts: engagements by status, per organisation.

use std::sync::Arc;

use app::{Store, Write};
use domain::application::{Application, ApplicationStatus};
use domain::engagement::{EngagementEvent, EngagementStatus, LeavingReason};
use domain::ids::*;

use crate::fixtures::{application, at, organisation, role, volunteer};

async fn engagement_counts(store: Arc<dyn Store>) {
    use ApplicationStatus::*;
    use EngagementStatus::*;

    let a = organisation("Ashby Trust");
    let b = organisation("Bramble Hospice");
    let r = role(a.id, "Ward visitor", &[]);
    let r2 = role(a.id, "Garden helper", &[]);
    let rb = role(b.id, "Hospice visitor", &[]);
    let mut w = vec![
        Write::InsertOrganisation(a.clone()),
        Write::InsertOrganisation(b.clone()),
        Write::InsertRole(r.clone()),
        Write::InsertRole(r2.clone()),
        Write::InsertRole(rb.clone()),
    ];
    let applicant1 = volunteer(&mut w, a.id, Applicant);
    let applicant2 = volunteer(&mut w, a.id, Applicant);
    let onboarding = volunteer(&mut w, a.id, Onboarding);
    for _ in 0..3 {
        volunteer(&mut w, a.id, Active);
    }
    volunteer(&mut w, a.id, Paused);
    volunteer(&mut w, a.id, Enquiry);
    let leaving = volunteer(&mut w, a.id, Active);
    let left_long_ago = volunteer(&mut w, a.id, Left);
    w.push(Write::InsertEngagementEvent(
        a.id,
        left_long_ago.id,
        EngagementEvent {
            from: Some(Active),
            to: Left,
            at: at(5, 9),
            by: "Manager".into(),
            note: String::new(),
        },
    ));
    // Applications in every status: three are still open (applicant 2 has one open for each
    // role, as one person may have only one open application per role).
    for (e, role_id, status) in [
        (&applicant1, r.id, Submitted),
        (&applicant2, r.id, Submitted),
        (&applicant2, r2.id, Screening),
        (&onboarding, r.id, Accepted),
        (&applicant1, r.id, Declined),
        (&applicant1, r.id, Withdrawn),
    ] {
        w.push(Write::InsertApplication(Application {
            status,
            ..application(e, role_id, at(3, 9))
        }));
    }
    // B: two applicants with open applications and a recent leaver.
    for _ in 0..2 {
        let e = volunteer(&mut w, b.id, Applicant);
        w.push(Write::InsertApplication(application(&e, rb.id, at(3, 9))));
    }
    let b_leaver = volunteer(&mut w, b.id, Left);
    w.push(Write::InsertEngagementEvent(
        b.id,
        b_leaver.id,
        EngagementEvent {
            from: Some(Active),
            to: Left,
            at: at(12, 9),
            by: "Manager".into(),
            note: String::new(),
        },
    ));
    store.apply(w).await.unwrap();

    // Leaving the way the app does it: a move and an event together.
    store
        .apply(vec![
            Write::MoveEngagement {
                organisation_id: a.id,
                id: leaving.id,
                from: Active,
                to: Left,
                leaving_reason: Some(LeavingReason::NoTime),
                leaving_note: String::new(),
            },
            Write::InsertEngagementEvent(
                a.id,
                leaving.id,
                EngagementEvent {
                    from: Some(Active),
                    to: Left,
                    at: at(12, 9),
                    by: "Manager".into(),
                    note: String::new(),
                },
            ),
        ])
        .await
        .unwrap();

    let bound = at(10, 0);
    assert_eq!(
        store.engagement_counts(a.id, bound, None).await.unwrap(),
        app::ports::EngagementCounts {
            applicants: 2,
            onboarding: 1,
            active: 3,
            paused: 1,
            left_recently: 1,
            open_applications: 3,
        }
    );
    // An earlier bound takes in the earlier leaver; a later one neither.
    assert_eq!(
        store
            .engagement_counts(a.id, at(1, 0), None)
            .await
            .unwrap()
            .left_recently,
        2
    );
    assert_eq!(
        store
            .engagement_counts(a.id, at(13, 0), None)
            .await
            .unwrap()
            .left_recently,
        0
    );
    assert_eq!(
        store.engagement_counts(b.id, bound, None).await.unwrap(),
        app::ports::EngagementCounts {
            applicants: 2,
            left_recently: 1,
            open_applications: 2,
            ..Default::default()
        }
    );
    assert_eq!(
        store
            .engagement_counts(OrganisationId::new(), bound, None)
            .await
            .unwrap(),
        app::ports::EngagementCounts::default()
    );
}
conformance!(engagement_counts);

async fn engagement_counts_for_a_supervisors_sites(store: Arc<dyn Store>) {
    use EngagementStatus::*;
    let a = organisation("Ashby Trust");
    let north = crate::fixtures::site(a.id, "North Ward");
    let south = crate::fixtures::site(a.id, "South Ward");
    let visitor = role(a.id, "Ward visitor", &[north.id]);
    let gardener = role(a.id, "Garden helper", &[south.id]);
    let mut w = vec![
        Write::InsertOrganisation(a.clone()),
        Write::InsertSite(north.clone()),
        Write::InsertSite(south.clone()),
        Write::InsertRole(visitor.clone()),
        Write::InsertRole(gardener.clone()),
    ];
    // North: two active and one applicant with an open application; south: three applicants.
    for (status, r, application_status) in [
        (Active, visitor.id, ApplicationStatus::Accepted),
        (Active, visitor.id, ApplicationStatus::Accepted),
        (Applicant, visitor.id, ApplicationStatus::Submitted),
        (Applicant, gardener.id, ApplicationStatus::Submitted),
        (Applicant, gardener.id, ApplicationStatus::Submitted),
        (Applicant, gardener.id, ApplicationStatus::Screening),
    ] {
        let e = volunteer(&mut w, a.id, status);
        w.push(Write::InsertApplication(Application {
            status: application_status,
            ..application(&e, r, at(3, 9))
        }));
    }
    store.apply(w).await.unwrap();
    let bound = at(1, 0);
    let north_only = store
        .engagement_counts(a.id, bound, Some(&[north.id]))
        .await
        .unwrap();
    assert_eq!(
        (
            north_only.active,
            north_only.applicants,
            north_only.open_applications
        ),
        (2, 1, 1)
    );
    let everyone = store.engagement_counts(a.id, bound, None).await.unwrap();
    assert_eq!(
        (
            everyone.active,
            everyone.applicants,
            everyone.open_applications
        ),
        (2, 4, 4)
    );
    let nowhere = store
        .engagement_counts(a.id, bound, Some(&[]))
        .await
        .unwrap();
    assert_eq!(nowhere, app::ports::EngagementCounts::default());
}

conformance!(engagement_counts_for_a_supervisors_sites);
