//! What safe code must never be able to do with a handle, checked under Miri
//! (`cargo +nightly miri test -p refcount --test soundness`).

mod common;

use std::pin::Pin;

use common::{refs_of, Refd, Sim};
use refcount::{Opaque, Owned, Shared};

/// Takes a reference as a function argument: Miri then checks that the reference is
/// still valid for what its type claims.
fn still_valid(object: &Opaque) -> *const Opaque {
    object
}

// ANCHOR: count_writes
#[test]
fn a_reference_from_get_stays_valid_while_the_native_count_changes() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let a = unsafe { Shared::<Refd>::adopt(sim.create().cast()) }.unwrap();
    let object: &Opaque = a.get();
    // Each clone and drop writes the native count, in the memory `object` points to.
    let b = a.clone();
    let c = b.clone();
    drop(b);
    assert_eq!(refs_of(a.as_ptr()), 2);
    // With `Raw = c_void` this is undefined behaviour: the writes above invalidate a
    // one-byte shared reference. `Opaque` claims no byte, and is interior-mutable.
    assert_eq!(still_valid(object), a.as_ptr().cast_const());
    drop((a, c));
    sim.assert_clean();
}
// ANCHOR_END: count_writes

#[test]
fn pinned_access_to_an_opaque_object_cannot_move_it() {
    let sim = Sim::new();
    // SAFETY: fresh objects whose references we hand over.
    let (mut a, mut b) = unsafe {
        (
            Owned::<common::Plain>::adopt(sim.create().cast()).unwrap(),
            Owned::<common::Plain>::adopt(sim.create().cast()).unwrap(),
        )
    };
    // SAFETY: nothing else uses the simulated objects.
    let (pa, pb): (Pin<&mut Opaque>, Pin<&mut Opaque>) = unsafe { (a.pin_mut(), b.pin_mut()) };
    // `Opaque` is `!Unpin`: there is no safe way from here to `&mut Opaque` (the
    // compile_fail example of `Opaque` shows `mem::swap` refused); a pinned
    // reference only passes the object on.
    let addresses = (&*pa as *const Opaque, &*pb as *const Opaque);
    assert_eq!(
        addresses,
        (a.as_ptr().cast_const(), b.as_ptr().cast_const())
    );
    drop((a, b));
    sim.assert_clean();
}

/// The pattern that needs `to_shared`'s `SyncNative` bound: a handle kept here from a
/// borrow, and the `Owned` it was borrowed from sent to another thread. With an atomic
/// count it is sound (Miri checks the interleaving); with a plain one, `to_shared` does
/// not compile (its `compile_fail` example).
#[test]
fn a_shared_kept_from_a_borrow_and_its_owned_sent_away_count_without_a_race() {
    use refcount::Holds;

    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let owned = unsafe { Owned::<Refd>::adopt(sim.create().cast()) }.unwrap();
    let shared = owned.borrow().to_shared();
    let other = std::thread::spawn(move || {
        drop(owned.borrow().to_shared());
        drop(owned);
    });
    drop(shared.clone());
    other.join().unwrap();
    assert_eq!(
        refs_of(shared.as_ptr()),
        1,
        "only this handle's reference is left"
    );
    drop(shared);
    sim.assert_clean();
}
