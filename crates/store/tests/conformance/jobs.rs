//! The job queue: scheduling is idempotent, each due job goes to one worker at a time (however
//! many servers claim at once), a claim lapses after its lease, and completing a job commits
//! with its effects only while the worker still holds it.

use std::collections::HashSet;
use std::sync::Arc;

use app::ports::Job;
use app::{Store, Write};
use chrono::Duration;
use domain::ids::JobId;

use crate::fixtures::{assert_conflict, at, job, message, unique};

async fn scheduling_twice_adds_one_job(store: Arc<dyn Store>) {
    let first = job("reminder:a", at(1, 9));
    let twin = Job {
        id: JobId::new(),
        payload: "other".into(),
        ..first.clone()
    };
    store
        .apply(vec![
            Write::EnqueueJob(first.clone()),
            Write::EnqueueJob(twin.clone()),
        ])
        .await
        .unwrap();
    store
        .apply(vec![Write::EnqueueJob(Job {
            id: JobId::new(),
            ..twin
        })])
        .await
        .unwrap();
    store
        .apply(vec![Write::EnqueueJob(job("reminder:b", at(1, 9)))])
        .await
        .unwrap();
    assert_eq!(
        store.jobs_with_prefix("reminder:").await.unwrap(),
        vec![("reminder:a".into(), false), ("reminder:b".into(), false)]
    );
    assert_eq!(store.jobs_with_prefix("reminder:a").await.unwrap().len(), 1);
    let claimed = store
        .claim_jobs("w1", at(1, 9), at(1, 10), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 2);
    assert_eq!(claimed[0].id, first.id, "the first one scheduled stays");
    assert_eq!(claimed[0].payload, "reminder:a");
}
conformance!(scheduling_twice_adds_one_job);

async fn due_jobs_in_order_and_leases_lapse(store: Arc<dyn Store>) {
    let t = at(2, 9);
    let lease = Duration::minutes(5);
    let later = job("later", t + Duration::hours(1));
    let second = job("second", t - Duration::minutes(1));
    let first = job("first", t - Duration::minutes(2));
    store
        .apply(
            [&later, &second, &first]
                .map(|j| Write::EnqueueJob(j.clone()))
                .to_vec(),
        )
        .await
        .unwrap();
    let keys = |jobs: Vec<Job>| jobs.into_iter().map(|j| j.dedupe_key).collect::<Vec<_>>();

    // Due jobs, oldest first, up to the limit; claimed jobs are not claimed again.
    assert_eq!(
        keys(store.claim_jobs("a", t, t + lease, 1).await.unwrap()),
        ["first"]
    );
    assert_eq!(
        keys(store.claim_jobs("b", t, t + lease, 5).await.unwrap()),
        ["second"]
    );
    assert!(
        store
            .claim_jobs("b", t, t + lease, 5)
            .await
            .unwrap()
            .is_empty()
    );

    // The lease runs to its end; after it, another worker may take the job.
    let end = t + lease;
    assert!(
        store
            .claim_jobs("b", end, end + lease, 5)
            .await
            .unwrap()
            .is_empty()
    );
    let after = end + Duration::seconds(1);
    assert_eq!(
        keys(
            store
                .claim_jobs("b", after, after + lease, 1)
                .await
                .unwrap()
        ),
        ["first"]
    );

    // The worker that lost it cannot complete it: its effects roll back with the completion.
    let complete = |id, worker: &str| Write::CompleteJob {
        id,
        worker: worker.into(),
        at: after,
    };
    assert_conflict(
        store
            .apply(vec![
                Write::InsertMessage(message("stale@example.org", after)),
                complete(first.id, "a"),
            ])
            .await,
    );
    assert!(store.recent_messages(10).await.unwrap().is_empty());
    assert_eq!(
        store.jobs_with_prefix("first").await.unwrap(),
        vec![("first".into(), false)]
    );
    store
        .apply(vec![
            Write::InsertMessage(message("fresh@example.org", after)),
            complete(first.id, "b"),
        ])
        .await
        .unwrap();
    let sent = store.recent_messages(10).await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "fresh@example.org");
    assert_eq!(
        store.jobs_with_prefix("first").await.unwrap(),
        vec![("first".into(), true)]
    );
    // Done is done: not completed twice, never claimed again.
    assert_conflict(store.apply(vec![complete(first.id, "b")]).await);
    let far = t + Duration::days(30);
    assert_eq!(
        keys(store.claim_jobs("c", far, far + lease, 10).await.unwrap()),
        ["second", "later"]
    );
    // A job nobody has claimed cannot be completed either.
    let unclaimed = job("unclaimed", t);
    store
        .apply(vec![Write::EnqueueJob(unclaimed.clone())])
        .await
        .unwrap();
    assert_conflict(store.apply(vec![complete(unclaimed.id, "c")]).await);
}
conformance!(due_jobs_in_order_and_leases_lapse);

async fn a_failed_job_is_retried_later(store: Arc<dyn Store>) {
    let t = at(3, 9);
    let lease = Duration::minutes(5);
    let flaky = job("flaky", t);
    store
        .apply(vec![Write::EnqueueJob(flaky.clone())])
        .await
        .unwrap();
    let claimed = store.claim_jobs("a", t, t + lease, 5).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].attempts, 0);
    let retry = t + Duration::minutes(10);
    store
        .job_failed(flaky.id, "mail server down", retry)
        .await
        .unwrap();

    // Released at once, but not due until the retry time.
    let soon = t + Duration::minutes(1);
    assert!(
        store
            .claim_jobs("b", soon, soon + lease, 5)
            .await
            .unwrap()
            .is_empty()
    );
    let again = store
        .claim_jobs("b", retry, retry + lease, 5)
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].id, flaky.id);
    assert_eq!(again[0].attempts, 1);
    assert_eq!(again[0].run_at, retry);

    // The retry succeeds; a late failure report for a done job changes nothing.
    store
        .apply(vec![Write::CompleteJob {
            id: flaky.id,
            worker: "b".into(),
            at: retry,
        }])
        .await
        .unwrap();
    store
        .job_failed(flaky.id, "late report", retry)
        .await
        .unwrap();
    let far = t + Duration::days(30);
    assert!(
        store
            .claim_jobs("c", far, far + lease, 5)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.jobs_with_prefix("flaky").await.unwrap(),
        vec![("flaky".into(), true)]
    );
}
conformance!(a_failed_job_is_retried_later);

/// Claims jobs as `worker` until none are left, five at a time, and completes each.
async fn drain(store: Arc<dyn Store>, worker: String) -> Vec<JobId> {
    let now = at(4, 9);
    let mut mine = Vec::new();
    loop {
        let jobs = store
            .claim_jobs(&worker, now, now + Duration::minutes(5), 5)
            .await
            .unwrap();
        if jobs.is_empty() {
            return mine;
        }
        for j in jobs {
            // Completing proves the claim is still this worker's, not overwritten by the other.
            store
                .apply(vec![Write::CompleteJob {
                    id: j.id,
                    worker: worker.clone(),
                    at: now,
                }])
                .await
                .unwrap_or_else(|e| panic!("{worker} lost job {}: {e:?}", j.dedupe_key));
            mine.push(j.id);
        }
    }
}

/// Two servers (two stores opened on one database) claiming at once: every job is claimed by
/// exactly one of them.
async fn each_job_goes_to_one_worker(url: String) {
    let a = alongside_store::open(&url).await.unwrap();
    let b = alongside_store::open(&url).await.unwrap();
    let (mut by_a, mut by_b) = (0, 0);
    for round in 0..20 {
        let jobs: Vec<Job> = (0..50)
            .map(|i| job(&format!("round-{round}-{i}-{}", unique()), at(4, 8)))
            .collect();
        a.apply(jobs.iter().cloned().map(Write::EnqueueJob).collect())
            .await
            .unwrap();
        let (left, right) = tokio::join!(
            tokio::spawn(drain(a.clone(), format!("a-{round}"))),
            tokio::spawn(drain(b.clone(), format!("b-{round}"))),
        );
        let (left, right) = (left.unwrap(), right.unwrap());
        (by_a, by_b) = (by_a + left.len(), by_b + right.len());
        let mut all: Vec<JobId> = left.iter().chain(&right).copied().collect();
        let distinct: HashSet<JobId> = all.iter().copied().collect();
        assert_eq!(
            distinct.len(),
            all.len(),
            "round {round}: a job claimed twice"
        );
        all.sort();
        let mut expected: Vec<JobId> = jobs.iter().map(|j| j.id).collect();
        expected.sort();
        assert_eq!(all, expected, "round {round}: every job claimed");
    }
    assert!(
        by_a > 0 && by_b > 0,
        "both servers claimed jobs ({by_a} and {by_b}), so their claims did overlap"
    );
    let done = a.jobs_with_prefix("round-").await.unwrap();
    assert_eq!(done.len(), 20 * 50);
    assert!(done.iter().all(|(_, done)| *done));
}
conformance_shared!(each_job_goes_to_one_worker);
