//! `Owned`, `Shared` and `Counted`: counts, constructors, conversions, close.

mod common;

use refcount::Opaque;
use std::mem::size_of;

use common::{refs_of, Obj, Plain, Refd, Sim};
use refcount::{Counted, Error, Owned, Shared};

fn raw(p: *mut Obj) -> *mut Opaque {
    p.cast()
}

#[test]
fn handles_are_one_pointer_wide_and_option_is_free() {
    let word = size_of::<*mut Opaque>();
    assert_eq!(size_of::<Owned<Plain>>(), word);
    assert_eq!(size_of::<Option<Owned<Plain>>>(), word);
    assert_eq!(size_of::<Shared<Refd>>(), word);
    assert_eq!(size_of::<Option<Shared<Refd>>>(), word);
    assert_eq!(size_of::<Counted<Plain>>(), word);
    assert_eq!(size_of::<Option<Counted<Plain>>>(), word);
}

#[test]
fn null_is_an_error_never_a_handle() {
    let null = std::ptr::null_mut();
    // SAFETY: null is refused before anything else happens.
    unsafe {
        assert_eq!(
            Owned::<Plain>::adopt(null).unwrap_err(),
            Error::Null {
                type_id: "test::plain"
            }
        );
        assert_eq!(
            Shared::<Refd>::adopt(null).unwrap_err(),
            Error::Null {
                type_id: "test::refd"
            }
        );
        assert_eq!(
            Shared::<Refd>::retain(null).unwrap_err(),
            Error::Null {
                type_id: "test::refd"
            }
        );
        assert_eq!(
            Counted::<Plain>::adopt(null).unwrap_err(),
            Error::Null {
                type_id: "test::plain"
            }
        );
    }
}

#[test]
fn owned_releases_once_on_drop() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let dog = unsafe { Owned::<Plain>::adopt(raw(sim.create())) }.unwrap();
    assert_eq!(sim.live(), 1);
    assert_eq!(
        format!("{dog:?}"),
        format!("Owned<test::plain>({:p})", dog.as_ptr())
    );
    drop(dog);
    sim.assert_clean();
}

#[test]
fn owned_into_raw_and_adopt_round_trip_without_release() {
    let sim = Sim::new();
    let p = raw(sim.create());
    // SAFETY: a fresh object whose reference we hand over.
    let dog = unsafe { Owned::<Plain>::adopt(p) }.unwrap();
    let back = dog.into_raw();
    assert_eq!(back.as_ptr(), p);
    assert_eq!(sim.live(), 1, "into_raw must not release");
    // SAFETY: `back` carries the reference `into_raw` gave up.
    let again = unsafe { Owned::<Plain>::adopt(back.as_ptr()) }.unwrap();
    drop(again);
    sim.assert_clean();
}

#[test]
fn shared_clone_adds_a_native_reference_and_drop_removes_one() {
    let sim = Sim::new();
    let p = raw(sim.create());
    // SAFETY: a fresh object with one reference, which we adopt.
    let a = unsafe { Shared::<Refd>::adopt(p) }.unwrap();
    assert_eq!(refs_of(p), 1);
    let b = a.clone();
    let c = b.clone();
    assert_eq!(refs_of(p), 3);
    assert!(a.ptr_eq(&c));
    drop(a);
    drop(c);
    assert_eq!(refs_of(p), 1);
    assert_eq!(sim.live(), 1);
    drop(b);
    sim.assert_clean();
}

#[test]
fn shared_retain_adds_for_a_borrowed_pointer_adopt_does_not() {
    let sim = Sim::new();
    let p = raw(sim.create()); // the library's own reference
                               // SAFETY: `p` is alive; the library keeps its reference.
    let borrowed = unsafe { Shared::<Refd>::retain(p) }.unwrap();
    assert_eq!(refs_of(p), 2);
    drop(borrowed);
    assert_eq!(refs_of(p), 1, "the library's reference is still there");
    // SAFETY: now we take over the library's reference.
    let adopted = unsafe { Shared::<Refd>::adopt(p) }.unwrap();
    assert_eq!(refs_of(p), 1);
    drop(adopted);
    sim.assert_clean();
}

#[test]
fn shared_into_raw_keeps_the_reference_for_the_caller() {
    let sim = Sim::new();
    let p = raw(sim.create());
    // SAFETY: a fresh object with one reference, which we adopt.
    let a = unsafe { Shared::<Refd>::adopt(p) }.unwrap();
    let kept = a.clone().into_raw();
    assert_eq!(refs_of(p), 2);
    drop(a);
    assert_eq!(sim.live(), 1);
    // SAFETY: `kept` carries one reference.
    drop(unsafe { Shared::<Refd>::adopt(kept.as_ptr()) }.unwrap());
    sim.assert_clean();
}

#[test]
fn owned_becomes_shared_or_counted_without_an_extra_release() {
    let sim = Sim::new();
    // SAFETY: fresh objects whose references we hand over.
    let (o1, o2) = unsafe {
        (
            Owned::<Refd>::adopt(raw(sim.create())).unwrap(),
            Owned::<Plain>::adopt(raw(sim.create())).unwrap(),
        )
    };
    let shared = o1.into_shared();
    assert_eq!(refs_of(shared.as_ptr()), 1);
    let counted = Counted::from(o2);
    let twin = counted.clone();
    drop((shared, counted));
    assert_eq!(sim.live(), 1);
    drop(twin);
    sim.assert_clean();
}

#[test]
fn counted_releases_once_when_the_last_clone_goes() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let a = unsafe { Counted::<Plain>::adopt(raw(sim.create())) }.unwrap();
    let clones: Vec<_> = (0..5).map(|_| a.clone()).collect();
    assert_eq!(a.clone_count(), 6);
    drop(a);
    assert_eq!(sim.live(), 1);
    drop(clones);
    sim.assert_clean();
}

#[test]
fn counted_close_releases_now_for_every_clone_and_twice_is_harmless() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let a = unsafe { Counted::<Plain>::adopt(raw(sim.create())) }.unwrap();
    let b = a.clone();
    assert!(!b.is_closed());
    assert!(a.close());
    assert_eq!(
        sim.live(),
        0,
        "close releases at once when no lease is under way"
    );
    assert!(b.is_closed());
    assert!(!b.close(), "a second close reports it was already closed");
    assert_eq!(
        b.lease().unwrap_err(),
        Error::Disposed {
            type_id: "test::plain"
        }
    );
    assert_eq!(format!("{b:?}").split(", ").nth(1), Some("closed)"));
    drop((a, b));
    sim.assert_clean();
}

#[test]
fn counted_close_waits_for_the_lease_under_way() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let a = unsafe { Counted::<Plain>::adopt(raw(sim.create())) }.unwrap();
    let b = a.clone();
    let first = a.lease().unwrap();
    let second = b.lease().unwrap();
    assert!(b.close());
    assert!(a.lease().is_err(), "no new lease after close");
    assert_eq!(sim.live(), 1, "leases under way keep the object");
    drop(first);
    assert_eq!(sim.live(), 1);
    drop(second);
    assert_eq!(sim.live(), 0, "the last lease runs the deferred release");
    drop((a, b));
    sim.assert_clean();
}

#[test]
fn counted_into_raw_needs_the_only_clone_and_an_open_handle() {
    let sim = Sim::new();
    let p = raw(sim.create());
    // SAFETY: a fresh object whose reference we hand over.
    let a = unsafe { Counted::<Plain>::adopt(p) }.unwrap();
    let b = a.clone();
    let c = a.clone();
    let refused = a.into_raw().unwrap_err();
    assert_eq!(
        refused.error(),
        &Error::StillShared {
            type_id: "test::plain",
            clones: 2
        }
    );
    let a = refused.into_handle();
    assert_eq!(
        a.clone_count(),
        3,
        "a refused into_raw gives the handle back, as Arc::try_unwrap does"
    );
    drop((a, c));
    let back = b.into_raw().unwrap();
    assert_eq!(back.as_ptr(), p);
    assert_eq!(sim.live(), 1);
    // SAFETY: `back` carries the reference.
    let closed = unsafe { Counted::<Plain>::adopt(back.as_ptr()) }.unwrap();
    closed.close();
    let refused = closed.into_raw().unwrap_err();
    assert_eq!(
        refused.error(),
        &Error::Disposed {
            type_id: "test::plain"
        }
    );
    assert!(refused.into_handle().is_closed());
    sim.assert_clean();
}

#[test]
fn leases_give_the_pointer_and_deref_to_the_raw_object() {
    let sim = Sim::new();
    let p = raw(sim.create());
    // SAFETY: a fresh object whose reference we hand over.
    let a = unsafe { Counted::<Plain>::adopt(p) }.unwrap();
    let lease = a.lease().unwrap();
    assert_eq!(lease.as_ptr(), p);
    assert_eq!(lease.as_non_null().as_ptr(), p);
    assert_eq!(&*lease as *const Opaque, p as *const Opaque);
    drop(lease);
    drop(a);
    sim.assert_clean();
}
