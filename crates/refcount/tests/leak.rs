//! Leak checks: what a test is told when it forgets a handle.

mod common;

use common::{Plain, Refd, Sim};
use refcount::leak::{assert_no_leaks, live, LeakCheck};
use refcount::{Counted, Owned, Shared};

#[test]
fn a_clean_block_passes() {
    let sim = Sim::new();
    assert_no_leaks(|| {
        // SAFETY: fresh objects, references handed over.
        let a = unsafe { Shared::<Refd>::adopt(sim.create().cast()) }.unwrap();
        let b = a.clone();
        // SAFETY: as above.
        let c = unsafe { Counted::<Plain>::adopt(sim.create().cast()) }.unwrap();
        c.close();
        drop((a, b, c));
    });
    sim.assert_clean();
}

#[test]
fn a_leak_is_reported_by_type_and_count() {
    let sim = Sim::new();
    let check = LeakCheck::start();
    // SAFETY: fresh objects, references handed over.
    let a = unsafe { Shared::<Refd>::adopt(sim.create().cast()) }.unwrap();
    let forgotten = [a.clone(), a.clone()];
    // SAFETY: as above.
    let owned = unsafe { Owned::<Plain>::adopt(sim.create().cast()) }.unwrap();
    assert_eq!(live().get("test::refd"), Some(&3));
    drop(a);
    let report = check.leaks().expect("leaks are seen before the end");
    assert_eq!(report.leaked.get("test::refd"), Some(&2));
    assert_eq!(report.leaked.get("test::plain"), Some(&1));
    drop(owned);
    let report = check.finish().unwrap_err();
    assert_eq!(
        report.to_string(),
        "2 native reference(s) leaked: `test::refd` x2 (a handle was forgotten, leaked with \
         `into_raw`, or kept in a cycle)"
    );
    drop(forgotten);
    assert_eq!(live().get("test::refd"), None);
    sim.assert_clean();
}

#[test]
fn into_raw_counts_as_leaving_the_crate() {
    let sim = Sim::new();
    assert_no_leaks(|| {
        // SAFETY: a fresh object, reference handed over.
        let a = unsafe { Owned::<Plain>::adopt(sim.create().cast()) }.unwrap();
        let raw = a.into_raw();
        // SAFETY: `raw` carries the reference.
        drop(unsafe { Owned::<Plain>::adopt(raw.as_ptr()) });
    });
    sim.assert_clean();
}

#[test]
#[should_panic(expected = "1 native reference(s) leaked: `test::plain` x1")]
fn dropping_a_check_with_leaks_panics() {
    let sim = Sim::new();
    let _check = LeakCheck::start();
    // SAFETY: a fresh object, reference handed over; leaked on purpose (the Sim frees it).
    std::mem::forget(unsafe { Owned::<Plain>::adopt(sim.create().cast()) }.unwrap());
}

#[test]
fn a_check_inside_a_check_of_the_same_thread_nests_instead_of_waiting() {
    // A deadlock would hang the test: run it on a thread and give up after a while.
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let sim = Sim::new();
        let outer = LeakCheck::start();
        let inner_report = {
            let inner = LeakCheck::start();
            // SAFETY: a fresh object whose reference we hand over.
            let kept = unsafe { Owned::<Plain>::adopt(sim.create().cast()) }.unwrap();
            let report = inner.leaks();
            drop(inner.finish());
            drop(kept);
            report
        };
        assert_no_leaks(|| ()); // a helper's own check, inside the outer one
        let outer_result = outer.finish();
        done.send((inner_report, outer_result)).unwrap();
    });
    let (inner_report, outer_result) = finished
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("a nested LeakCheck::start must not wait for its own thread's check");
    assert_eq!(
        inner_report.map(|r| r.leaked),
        Some([("test::plain", 1)].into_iter().collect()),
        "the inner check sees what it made"
    );
    assert_eq!(outer_result, Ok(()), "and the outer one sees it released");
}
