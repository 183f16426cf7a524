//! Type tags: `AnyHandle`, downcasts and the `Factory`.

mod common;

use std::ffi::c_void;

use common::{Cat, Plain, Refd, Sim};
use refcount::{AnyHandle, Counted, Error, Factory, Handle, Owned, Result, Shared};

#[test]
fn erased_handles_keep_their_tag_and_come_back() {
    let sim = Sim::new();
    // SAFETY: a fresh object whose reference we hand over.
    let dog = unsafe { Shared::<Refd>::adopt(sim.create().cast()) }.unwrap();
    let ptr = dog.as_ptr();
    let any = dog.erase();
    assert_eq!(any.type_id(), "REFD_PTR");
    assert_eq!(any.kind(), "Shared");
    assert_eq!(any.to_string(), "Shared<REFD_PTR>");
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
        "expected a handle of type `Owned<PLAIN_PTR>` but got one of type `Owned<CAT_PTR>`";
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
        "expected a handle of type `Counted<CAT_PTR>` but got one of type `Owned<CAT_PTR>`"
    );
    assert_eq!(sim.live(), 0, "dropping the error drops the handle inside");
    sim.assert_clean();
}

#[test]
fn handle_type_names_read_as_the_user_writes_them() {
    assert_eq!(<Owned<Plain>>::type_name(), "Owned<PLAIN_PTR>");
    assert_eq!(<Shared<Refd>>::type_name(), "Shared<REFD_PTR>");
    assert_eq!(<Counted<Plain>>::type_name(), "Counted<PLAIN_PTR>");
}

fn strict() -> Factory<AnyHandle> {
    let mut factory = Factory::strict();
    factory
        .register_handle::<Shared<Refd>>()
        .register_handle::<Counted<Plain>>();
    factory
}

#[test]
fn the_factory_wraps_each_type_id_in_its_handle() {
    let sim = Sim::new();
    let factory = strict();
    assert!(factory.knows("REFD_PTR") && !factory.knows("CAT_PTR"));
    // SAFETY: fresh objects of the named types, references handed over.
    let (a, b) = unsafe {
        (
            factory.create("REFD_PTR", sim.create().cast()).unwrap(),
            factory.create("PLAIN_PTR", sim.create().cast()).unwrap(),
        )
    };
    assert_eq!(a.to_string(), "Shared<REFD_PTR>");
    assert_eq!(b.to_string(), "Counted<PLAIN_PTR>");
    let counted: Counted<Plain> = b.downcast().unwrap();
    counted.close();
    drop((a, counted));
    sim.assert_clean();
}

#[test]
fn a_strict_factory_refuses_unknown_ids_and_nulls() {
    let factory = strict();
    // SAFETY: refused before the pointer is used.
    let err = unsafe { factory.create("CAT_PTR", std::ptr::null_mut()) }.unwrap_err();
    assert_eq!(
        err.to_string(),
        "no wrapper is registered for type id `CAT_PTR` (known: `PLAIN_PTR`, `REFD_PTR`)"
    );
    // SAFETY: null is refused by the constructor.
    let err = unsafe { factory.create("REFD_PTR", std::ptr::null_mut()) }.unwrap_err();
    assert_eq!(
        err,
        Error::Null {
            type_id: "REFD_PTR"
        }
    );
    assert_eq!(
        format!("{factory:?}"),
        r#"Factory { type_ids: ["PLAIN_PTR", "REFD_PTR"], strict: true }"#
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
    factory.register("DOG_PTR", known);
    let p = std::ptr::NonNull::<c_void>::dangling().as_ptr();
    // SAFETY: the constructors above take nothing over.
    unsafe {
        assert_eq!(factory.create("DOG_PTR", p).unwrap(), Wrapper::Known("dog"));
        assert_eq!(
            factory.create("CAT_PTR", p).unwrap(),
            Wrapper::Generic("CAT_PTR".into(), p)
        );
    }
}
