//! A release that panics is never run a second time.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::{Fragile, Sim};
use refcount::{Counted, Owned};

#[test]
fn a_panicking_owned_release_is_not_retried() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let h = unsafe { Owned::<Fragile>::adopt(sim.create().cast()) }.unwrap();
    let outcome = catch_unwind(AssertUnwindSafe(|| drop(h)));
    assert!(outcome.is_err(), "the panic propagates");
    assert_eq!(sim.frees(), 1);
    sim.assert_clean();
}

#[test]
fn a_panicking_close_is_not_retried_by_the_last_drop() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let a = unsafe { Counted::<Fragile>::adopt(sim.create().cast()) }.unwrap();
    let b = a.clone();
    assert!(catch_unwind(AssertUnwindSafe(|| a.close())).is_err());
    assert!(b.is_closed());
    assert!(b.lease().is_err());
    drop((a, b)); // must not release again (and so must not panic)
    assert_eq!(sim.frees(), 1);
    sim.assert_clean();
}

#[test]
fn a_panicking_deferred_release_in_a_lease_is_not_retried() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let a = unsafe { Counted::<Fragile>::adopt(sim.create().cast()) }.unwrap();
    let lease = a.lease().unwrap();
    a.close();
    assert!(catch_unwind(AssertUnwindSafe(|| drop(lease))).is_err());
    drop(a);
    assert_eq!(sim.frees(), 1);
    sim.assert_clean();
}
