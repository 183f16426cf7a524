//! `Borrowed` handles, methods written once over `Holds`, and handle identity.

mod common;

use std::collections::HashSet;

use common::{refs_of, Plain, Refd, Sim};
use refcount::{Borrowed, Counted, Error, Holds, Opaque, Owned, Shared};

/// A wrapper written the way the kit's generated crates are: generic over how it
/// holds its object, with each method written once.
struct Wrapper<H: Holds<Refd> = Shared<Refd>>(H);

impl<H: Holds<Refd>> Wrapper<H> {
    fn count(&self) -> isize {
        refs_of(self.0.as_ptr())
    }
}

#[test]
fn a_borrowed_handle_changes_no_count_and_upgrades_by_adding_one() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let owned = Wrapper(unsafe { Shared::<Refd>::adopt(sim.create().cast()) }.unwrap());
    let lent = Wrapper(owned.0.borrow());
    assert_eq!(
        (owned.count(), lent.count()),
        (1, 1),
        "lending adds nothing"
    );
    let copy = lent.0;
    assert_eq!(
        copy, lent.0,
        "borrowed handles are Copy and equal by pointer"
    );

    let kept: Shared<Refd> = lent.0.to_shared();
    assert_eq!(owned.count(), 2, "to_shared adds a native reference");
    assert_eq!(kept, owned.0, "and holds the same object");
    drop(owned);
    assert_eq!(sim.live(), 1, "the upgraded handle keeps the object");
    drop(kept);
    sim.assert_clean();
}

#[test]
fn a_pointer_lent_by_the_library_is_borrowed_without_a_release() {
    let sim = Sim::new();
    let raw = sim.create();
    // SAFETY: the object lives (the Sim keeps its reference) for this whole test.
    let lent = unsafe { Borrowed::<Refd>::from_ptr(raw.cast()) }.unwrap();
    assert_eq!(Wrapper(lent).count(), 1);
    assert_eq!(lent.as_ptr(), raw.cast::<Opaque>());
    // SAFETY: null is refused before anything else happens.
    let err = unsafe { Borrowed::<Refd>::from_ptr(std::ptr::null_mut()) }.unwrap_err();
    assert_eq!(
        err,
        Error::Null {
            type_id: "test::refd"
        }
    );
    // SAFETY: the Sim's own reference, given up once.
    unsafe { <Refd as refcount::Native>::release(lent.as_non_null()) };
    sim.assert_clean();
}

#[test]
fn owned_handles_and_leases_lend_too() {
    let sim = Sim::new();
    // SAFETY: fresh objects whose references we hand over.
    let (owned, counted) = unsafe {
        (
            Owned::<Plain>::adopt(sim.create().cast()).unwrap(),
            Counted::<Plain>::adopt(sim.create().cast()).unwrap(),
        )
    };
    fn address<H: Holds<Plain>>(handle: &H) -> *mut Opaque {
        assert_eq!(handle.get() as *const Opaque, handle.as_ptr());
        handle.borrow().as_ptr()
    }
    assert_eq!(address(&owned), owned.as_ptr());
    let lease = counted.lease().unwrap();
    assert_eq!(address(&lease), lease.as_ptr());
    drop(lease);
    drop((owned, counted));
    sim.assert_clean();
}

#[test]
fn handles_compare_hash_and_print_as_their_native_pointer() {
    let sim = Sim::new();
    // SAFETY: fresh objects whose references we hand over.
    let (a, b) = unsafe {
        (
            Shared::<Refd>::adopt(sim.create().cast()).unwrap(),
            Shared::<Refd>::adopt(sim.create().cast()).unwrap(),
        )
    };
    let twin = a.clone();
    assert_eq!(a, twin);
    assert_ne!(a, b);
    let set: HashSet<_> = [a.clone(), twin.clone(), b.clone()].into_iter().collect();
    assert_eq!(set.len(), 2, "clones of one object hash as one");
    assert_eq!(format!("{a:p}"), format!("{:p}", a.as_ptr()));

    // SAFETY: a fresh object whose reference we hand over.
    let counted = unsafe { Counted::<Plain>::adopt(sim.create().cast()) }.unwrap();
    assert_eq!(counted, counted.clone());
    assert_eq!(
        format!("{counted:p}"),
        format!("{:p}", counted.lease().unwrap().as_ptr())
    );
    drop((a, b, twin, set, counted));
    sim.assert_clean();
}

/// Objects that an allocator would put at one address in turn: `release` frees the
/// slot for the next object, which the test then makes at the same address.
enum Slot {}
// SAFETY: nothing to free: the slot is static, and each object in it is released once.
unsafe impl refcount::Native for Slot {
    type Raw = Opaque;
    const TYPE_ID: &'static str = "test::slot";
    unsafe fn release(_: std::ptr::NonNull<Opaque>) {}
}

#[test]
fn a_closed_counted_handle_never_equals_a_new_object_at_the_same_address() {
    static SLOT: u8 = 0;
    let at = std::ptr::addr_of!(SLOT).cast_mut().cast::<Opaque>();
    // SAFETY: the first object in the slot; its one reference is handed over.
    let first = unsafe { Counted::<Slot>::adopt(at) }.unwrap();
    let clone = first.clone();
    assert!(first.close(), "the first object is released, its slot free");
    // SAFETY: a new object in the freed slot; its one reference is handed over.
    let second = unsafe { Counted::<Slot>::adopt(at) }.unwrap();
    assert_ne!(first, second, "a closed handle is not the new object");
    assert_eq!(first, clone, "clones stay equal after the close");
    let set: HashSet<_> = [first.clone(), clone.clone(), second.clone()]
        .into_iter()
        .collect();
    assert_eq!(set.len(), 2, "the closed handle and the new one hash apart");
}

#[test]
fn a_weak_counted_handle_upgrades_only_while_a_clone_lives() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let strong = unsafe { Counted::<Plain>::adopt(sim.create().cast()) }.unwrap();
    let weak = strong.downgrade();
    assert_eq!(strong.clone_count(), 1, "a weak handle is not a clone");
    let again = weak.upgrade().expect("a clone is alive");
    assert!(again.ptr_eq(&strong));
    drop((strong, again));
    assert_eq!(sim.live(), 0, "weak handles do not keep the object");
    assert!(weak.upgrade().is_none());
    sim.assert_clean();
}

#[test]
fn a_closed_handle_still_upgrades_but_leases_nothing() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let strong = unsafe { Counted::<Plain>::adopt(sim.create().cast()) }.unwrap();
    let weak = strong.downgrade();
    strong.close();
    let upgraded = weak.upgrade().unwrap();
    assert!(upgraded.is_closed());
    assert!(matches!(upgraded.lease(), Err(Error::Disposed { .. })));
    drop((strong, upgraded));
    sim.assert_clean();
}
