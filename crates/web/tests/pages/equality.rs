//! Equality monitoring through the pages: a volunteer's answers are optional, named when made
//! up, changeable and removable; the report counts reach over active volunteers with groups
//! under five withheld, beside the population the organisation says it serves.

use axum::http::StatusCode;

use crate::calendar::Cal;

#[tokio::test]
async fn a_volunteer_gives_changes_and_removes_their_own_answers() {
    let c = Cal::new().await;
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    bea.get("/my/equality")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("<legend>What is your ethnic group?</legend>")
        .assert_contains(r#"value="gypsy_or_irish_traveller""#)
        .assert_contains("Prefer not to say")
        .assert_lacks("Remove my answers");
    bea.submit(
        "/my/equality",
        &[("sex", "robot"), ("ethnicity", "caribbean")],
    )
    .await
    .assert_errors(&["sex"]);
    let app = &c.w.site.app;
    assert_eq!(
        app.my_equality(c.bea.id).await.unwrap(),
        None,
        "nothing half saved"
    );
    let saved = bea
        .submit(
            "/my/equality",
            &[("sex", "female"), ("ethnicity", "caribbean")],
        )
        .await;
    assert_eq!(saved.redirect(), "/my/equality?done=saved");
    bea.get(saved.redirect())
        .await
        .assert_contains(r#"id="ethnicity-caribbean" name="ethnicity" value="caribbean" checked"#)
        .assert_contains("Remove my answers");
    let mine = app.my_equality(c.bea.id).await.unwrap().unwrap();
    assert_eq!(mine.ethnicity.map(|e| e.nhs_code()), Some('M'));
    assert_eq!(mine.disability, None, "left out");
    let removed = bea.submit("/my/equality/remove", &[]).await;
    assert_eq!(removed.redirect(), "/my/equality?done=removed");
    assert_eq!(app.my_equality(c.bea.id).await.unwrap(), None);
}

#[tokio::test]
async fn reach_is_counted_with_small_groups_withheld_beside_the_population_served() {
    let c = Cal::new().await;
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    bea.submit("/my/equality", &[("sex", "female")]).await;
    let mut admin = c.w.site.signed_in(c.w.a.admin.email.as_str()).await;
    admin
        .submit(
            &c.w.a.path("/population"),
            &[("sex-0", "51.5"), ("sex-1", "48.5"), ("age-7", "lots")],
        )
        .await
        .assert_errors(&["age-7"]);
    assert!(
        c.w.site
            .app
            .population_served(&c.w.site.scope(&c.w.a.admin, &c.w.a.slug).await)
            .await
            .unwrap()
            .is_empty()
    );
    let saved = admin
        .submit(
            &c.w.a.path("/population"),
            &[("sex-0", "51.5"), ("sex-1", "48.5")],
        )
        .await;
    assert_eq!(saved.redirect(), c.w.a.path("/population?done=saved"));
    admin
        .get(saved.redirect())
        .await
        .assert_contains(r#"id="sex-0" name="sex-0" type="text" inputmode="decimal" value="51.5""#);

    let report = admin.get(&c.w.a.path("/quality")).await;
    report
        .assert_status(StatusCode::OK)
        .assert_contains("Who volunteers")
        .assert_contains("Active volunteers by sex");
    // Two active volunteers: one said female, one did not answer; both groups are under five.
    let female = report.row("<th scope=\"row\">Female</th>").unwrap();
    assert!(
        female.contains("fewer than 5") && female.contains("51.5%"),
        "{female}"
    );
    let unanswered = report.row("<th scope=\"row\">Not answered</th>").unwrap();
    assert!(unanswered.contains("fewer than 5"), "{unanswered}");
    // Deprivation: no attribution until postcode data is loaded; then it is shown, and
    // volunteers whose postcode is not in it count as not known.
    report.assert_lacks("Contains OS data");
    let leeds = domain::values::Postcode::parse("LS1 4AP").unwrap();
    c.w.site
        .app
        .load_postcode_deprivation(vec![(leeds, 2)], 2025)
        .await
        .unwrap();
    let report = admin.get(&c.w.a.path("/quality")).await;
    report
        .assert_contains("Active volunteers by deprivation (imd decile of home postcode)")
        .assert_contains("Contains OS data © Crown copyright and database right 2025")
        .assert_contains("Source: Office for National Statistics licensed under the Open Government Licence v.3.0");
    let unknown = report
        .row("<th scope=\"row\">Not known</th>")
        .expect("a not known row");
    assert!(unknown.contains("fewer than 5"), "{unknown}");
    let csv = admin.get(&c.w.a.path("/quality.csv?table=reach-sex")).await;
    assert!(
        csv.body
            .starts_with("Category,Volunteers,Share,Population served"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains("Male,0,0%,48.5%"), "{}", csv.body);
}
