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
    assert_eq!(live().get("REFD_PTR"), Some(&3));
    drop(a);
    let report = check.leaks().expect("leaks are seen before the end");
    assert_eq!(report.leaked.get("REFD_PTR"), Some(&2));
    assert_eq!(report.leaked.get("PLAIN_PTR"), Some(&1));
    drop(owned);
    let report = check.finish().unwrap_err();
    assert_eq!(
        report.to_string(),
        "2 native reference(s) leaked: `REFD_PTR` x2 (a handle was forgotten, leaked with \
         `into_raw`, or kept in a cycle)"
    );
    drop(forgotten);
    assert_eq!(live().get("REFD_PTR"), None);
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
        drop(unsafe { Owned::<Plain>::from_raw(raw.as_ptr()) });
    });
    sim.assert_clean();
}

#[test]
#[should_panic(expected = "1 native reference(s) leaked: `PLAIN_PTR` x1")]
fn dropping_a_check_with_leaks_panics() {
    let sim = Sim::new();
    let _check = LeakCheck::start();
    // SAFETY: a fresh object, reference handed over; leaked on purpose (the Sim frees it).
    std::mem::forget(unsafe { Owned::<Plain>::adopt(sim.create().cast()) }.unwrap());
}
