//! Type tags: `AnyHandle`, downcasts and the `Factory`.

mod common;

use std::ffi::c_void;

use common::{Cat, Plain, Refd, Sim};
use refcount::any::{AnyHandle, AnySyncHandle, Factory, Handle};
use refcount::{Counted, Error, Owned, Result, Shared};

#[test]
fn erased_handles_keep_their_tag_and_come_back() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let dog = unsafe { Shared::<Refd>::adopt(sim.create().cast()) }.unwrap();
    let ptr = dog.as_ptr();
    let any = dog.erase();
    assert_eq!(any.type_id(), "test::refd");
    assert_eq!(any.kind(), "Shared");
    assert_eq!(any.to_string(), "Shared<test::refd>");
    assert!(any.is::<Shared<Refd>>());
    assert!(!any.is::<Owned<Refd>>());
    assert_eq!(any.downcast_ref::<Shared<Refd>>().unwrap().as_ptr(), ptr);
    let back: Shared<Refd> = any.downcast().unwrap();
    assert_eq!(back.as_ptr(), ptr);
    drop(back);
    sim.assert_clean();
}

#[test]
fn a_wrong_downcast_names_both_types_and_returns_the_handle() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let any = unsafe { Owned::<Cat>::adopt(sim.create().cast()) }
        .unwrap()
        .erase();
    let expected =
        "expected a handle of type `Owned<test::plain>` but got one of type `Owned<test::cat>`";
    assert_eq!(
        any.downcast_ref::<Owned<Plain>>().unwrap_err().to_string(),
        expected
    );
    let err = any.downcast::<Owned<Plain>>().unwrap_err();
    assert_eq!(err.to_string(), expected);
    assert_eq!(sim.live(), 1, "a failed downcast releases nothing");
    let any = err.into_handle();
    let err = any.downcast::<Counted<Cat>>().unwrap_err();
    assert_eq!(
        Error::from(err).to_string(),
        "expected a handle of type `Counted<test::cat>` but got one of type `Owned<test::cat>`"
    );
    assert_eq!(sim.live(), 0, "dropping the error drops the handle inside");
    sim.assert_clean();
}

#[test]
fn handle_type_names_read_as_the_user_writes_them() {
    assert_eq!(<Owned<Plain>>::type_name(), "Owned<test::plain>");
    assert_eq!(<Shared<Refd>>::type_name(), "Shared<test::refd>");
    assert_eq!(<Counted<Plain>>::type_name(), "Counted<test::plain>");
}

fn strict() -> Factory<AnyHandle> {
    let mut factory = Factory::strict();
    factory
        .register_handle::<Shared<Refd>>()
        .unwrap()
        .register_handle::<Counted<Plain>>()
        .unwrap();
    factory
}

#[test]
fn the_factory_wraps_each_type_id_in_its_handle() {
    let sim = Sim::new();
    let factory = strict();
    assert!(factory.knows("test::refd") && !factory.knows("test::cat"));
    // SAFETY: fresh objects of the named types, references handed over.
    let (a, b) = unsafe {
        (
            factory.create("test::refd", sim.create().cast()).unwrap(),
            factory.create("test::plain", sim.create().cast()).unwrap(),
        )
    };
    assert_eq!(a.to_string(), "Shared<test::refd>");
    assert_eq!(b.to_string(), "Counted<test::plain>");
    let counted: Counted<Plain> = b.downcast().unwrap();
    counted.close();
    drop((a, counted));
    sim.assert_clean();
}

#[test]
fn a_strict_factory_gives_back_what_it_refuses() {
    let sim = Sim::new();
    let factory = strict();
    let cat = sim.create();
    // SAFETY: a fresh object; a refusal hands its reference back.
    let refused = unsafe { factory.create("test::cat", cat.cast()) }.unwrap_err();
    assert_eq!(
        refused.to_string(),
        "no wrapper is registered for type id `test::cat` (known: `test::plain`, `test::refd`)"
    );
    assert_eq!(sim.live(), 1, "a refused pointer is not released...");
    let (ptr, error) = refused.into_parts();
    assert_eq!(ptr, cat.cast(), "...it comes back to the caller");
    assert!(matches!(error, Error::UnknownTypeId { .. }), "{error}");
    // SAFETY: the refused object's reference is ours again: release it as its type would.
    drop(unsafe { Owned::<Cat>::adopt(ptr.cast()) }.unwrap());
    sim.assert_clean();

    // SAFETY: null is refused by the constructor.
    let err = unsafe { factory.create("test::refd", std::ptr::null_mut()) }.unwrap_err();
    assert_eq!(
        err.error(),
        &Error::Null {
            type_id: "test::refd"
        }
    );
    assert_eq!(
        format!("{factory:?}"),
        r#"Factory { type_ids: ["test::plain", "test::refd"], strict: true }"#
    );
}

#[derive(Debug, PartialEq)]
enum Wrapper {
    Known(&'static str),
    Generic(String, *mut c_void),
}

/// # Safety
/// Takes nothing over: the tests' objects stay with the `Sim`.
unsafe fn generic(type_id: &str, ptr: *mut c_void) -> Result<Wrapper> {
    Ok(Wrapper::Generic(type_id.to_owned(), ptr))
}

/// # Safety
/// Takes nothing over.
unsafe fn known(_: *mut c_void) -> Result<Wrapper> {
    Ok(Wrapper::Known("dog"))
}

#[test]
fn a_lenient_factory_hands_unknown_ids_to_its_fallback() {
    let mut factory = Factory::lenient(generic);
    // SAFETY: `known` takes nothing over, whatever it is given.
    unsafe { factory.register("test::dog", known) }.unwrap();
    let p = std::ptr::NonNull::<c_void>::dangling().as_ptr();
    // SAFETY: the constructors above take nothing over.
    unsafe {
        assert_eq!(
            factory.create("test::dog", p).unwrap(),
            Wrapper::Known("dog")
        );
        assert_eq!(
            factory.create("test::cat", p).unwrap(),
            Wrapper::Generic("test::cat".into(), p)
        );
    }
}

/// Another Rust type that claims `test::refd`, the type id of `Refd`.
enum Impostor {}
// SAFETY: never given an object: the factory refuses it before any pointer is seen.
unsafe impl refcount::Native for Impostor {
    type Raw = refcount::Opaque;
    const TYPE_ID: &'static str = "test::refd";
    unsafe fn release(_: std::ptr::NonNull<refcount::Opaque>) {
        unreachable!("no handle of this type is ever made")
    }
}
// SAFETY: as above.
unsafe impl refcount::NativeCounted for Impostor {
    unsafe fn add_ref(_: std::ptr::NonNull<refcount::Opaque>) {
        unreachable!("no handle of this type is ever made")
    }
}

#[test]
fn a_second_rust_type_for_a_known_type_id_is_refused_with_both_names() {
    let mut factory = strict();
    let err = factory.register_handle::<Owned<Impostor>>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "type id `test::refd` is registered already, for \
         `refcount::shared::Shared<handles::common::Refd>`; refused for \
         `refcount::owned::Owned<tags::Impostor>`: give each native type its own qualified \
         TYPE_ID (such as `testnative::dog`)"
            .replace("handles::", "tags::")
    );
    // The same handle type again changes nothing.
    factory.register_handle::<Shared<Refd>>().unwrap();
    let mut raw = Factory::strict();
    // SAFETY: `known` takes nothing over.
    let err = unsafe {
        raw.register("x", known).unwrap();
        raw.register("x", known).unwrap_err().to_string()
    };
    assert!(
        err.contains("registered already, for `a constructor given to `Factory::register``"),
        "{err}"
    );
}

#[test]
fn a_sync_factory_makes_handles_that_cross_threads() {
    let sim = Sim::new();
    let mut factory = Factory::<AnySyncHandle>::strict();
    factory.register_handle::<Shared<Refd>>().unwrap();
    // SAFETY: a fresh object whose reference we hand over.
    let any = unsafe { factory.create("test::refd", sim.create().cast()) }.unwrap();
    let back = std::thread::spawn(move || any.downcast::<Shared<Refd>>().unwrap())
        .join()
        .unwrap();
    drop(back);
    sim.assert_clean();
}

#[test]
fn a_mismatch_between_two_types_with_one_type_id_names_the_rust_types() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let any = unsafe { Shared::<Refd>::adopt(sim.create().cast()) }
        .unwrap()
        .erase();
    let err = any.downcast::<Shared<Impostor>>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected a handle of type `Shared<test::refd>, Rust type \
         refcount::shared::Shared<tags::Impostor>` but got one of type `Shared<test::refd>, Rust \
         type refcount::shared::Shared<tags::common::Refd>`"
    );
    drop(err);
    sim.assert_clean();
}
