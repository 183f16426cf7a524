//! The tests of Python's `refcount` package, over the C API loaded at run time, and beyond it: counts,
//! early drops, type tags, the error callback, panics in it, structs by value and
//! threads. Every test ends with a leak check on the handles and on the library's
//! own live-object counters.

mod common;

use std::ffi::CString;
use std::ptr;
use std::thread;

use common::TestDog;
use dog_dynamic::{
    adopt_any, api, clear_error_hook, extras, set_error_hook, take_error, DateTime, Dog, DogOwner,
    Error,
};
use refcount::any::AnyHandle;
use refcount::leak::LeakCheck;
use refcount::Counted;

// ANCHOR: checked
/// Runs `test` alone (the library's counters are global) and checks that it leaked nothing.
fn checked(test: impl FnOnce()) {
    let check = LeakCheck::start();
    let before = (Dog::num_dogs().unwrap(), DogOwner::num_owners().unwrap());
    test();
    assert_eq!(
        (Dog::num_dogs().unwrap(), DogOwner::num_owners().unwrap()),
        before,
        "native objects leaked"
    );
    assert_eq!(take_error(), None, "an error was reported and not checked");
    check.finish().expect("handles leaked");
}
// ANCHOR_END: checked

// ANCHOR: counts
#[test]
fn counts_across_a_dog_and_its_owner() {
    checked(|| {
        let dog = Dog::new().unwrap();
        assert_eq!(dog.reference_count(), 1);
        let owner = DogOwner::new(&dog).unwrap();
        assert_eq!(
            dog.reference_count(),
            2,
            "the owner's wrapper holds the dog"
        );
        assert_eq!(owner.reference_count(), 1);
        assert_eq!(
            (Dog::num_dogs().unwrap(), DogOwner::num_owners().unwrap()),
            (1, 1)
        );
        drop(dog);
        assert_eq!(
            Dog::num_dogs().unwrap(),
            1,
            "the owner keeps the native dog alive"
        );
        owner.say_walk();
        assert_eq!(owner.dog().position(), 1);
        drop(owner);
        assert_eq!(
            (Dog::num_dogs().unwrap(), DogOwner::num_owners().unwrap()),
            (0, 0)
        );
    });
}
// ANCHOR_END: counts

#[test]
fn clones_add_native_references_and_drops_free() {
    checked(|| {
        let dog = Dog::new().unwrap();
        let twin = dog.clone();
        assert_eq!(dog.reference_count(), 2);
        assert_eq!(dog.wag_tail(), 1);
        assert_eq!(twin.wag_tail(), 2);
        drop(dog);
        assert_eq!((twin.reference_count(), Dog::num_dogs().unwrap()), (1, 1));
    });
}

#[test]
fn a_forced_close_releases_once_and_twice_is_harmless() {
    checked(|| {
        let api = api().unwrap();
        // SAFETY: `create_dog` returns a new dog with one reference, which we adopt.
        let dog = unsafe { Counted::<TestDog>::adopt(api.create_dog.call()) }.unwrap();
        let twin = dog.clone();
        assert!(dog.close());
        assert!(!twin.close());
        assert_eq!(Dog::num_dogs().unwrap(), 0);
        assert_eq!(
            twin.lease().unwrap_err(),
            refcount::Error::Disposed {
                type_id: "testnative::dog"
            }
        );
    });
}

#[test]
fn type_tags_wrap_void_pointers_in_the_right_handle() {
    checked(|| {
        let api = api().unwrap();
        let dog = Dog::new().unwrap();
        // SAFETY: the C API returns new objects with one reference, handed over here.
        let (any_dog, any_owner) = unsafe {
            let raw_dog = api.create_dog.call();
            let raw_owner = api.create_owner.call(raw_dog);
            let any_owner = adopt_any(raw_owner).unwrap();
            (adopt_any(raw_dog).unwrap(), any_owner)
        };
        assert_eq!(any_dog.to_string(), "Shared<testnative::dog>");
        assert_eq!(any_owner.to_string(), "Shared<testnative::owner>");
        let err = Dog::try_from(any_owner).unwrap_err();
        assert_eq!(
            err.to_string(),
            "expected a handle of type `Shared<testnative::dog>` but got one of type `Shared<testnative::owner>`"
        );
        drop(err.into_handle()); // the owner, before its dog: it does not hold the dog
        let walked = Dog::try_from(any_dog).unwrap();
        assert_eq!(walked.position(), 0);
        drop(AnyHandle::from(dog));
    });
}

#[test]
fn a_null_from_the_library_is_an_error_with_the_reason() {
    checked(|| {
        let api = api().unwrap();
        // SAFETY: a null dog is reported by the library, not dereferenced.
        let raw = unsafe { api.create_owner.call(ptr::null_mut()) };
        assert!(raw.is_null());
        assert_eq!(
            take_error().as_deref(),
            Some("create_owner: owner needs a dog, got a null pointer")
        );
        // SAFETY: null is refused before anything else.
        let err = unsafe { adopt_any(raw) }.unwrap_err();
        assert!(
            matches!(
                err,
                Error::Handle(refcount::Error::Null {
                    type_id: "testnative::dog or testnative::owner"
                })
            ),
            "{err}"
        );
    });
}

#[test]
fn errors_from_the_callback_become_err_values() {
    checked(|| {
        let extras = extras().unwrap();
        let message = CString::new("the dog ran away").unwrap();
        // SAFETY: a valid C string, alive during the call.
        unsafe { extras.trigger_error.call(message.as_ptr()) };
        assert_eq!(take_error().as_deref(), Some("the dog ran away"));
        assert_eq!(take_error(), None, "an error is reported once");
    });
}

// ANCHOR: panic_hook
#[test]
fn a_panic_in_the_error_hook_never_unwinds_into_c() {
    checked(|| {
        let extras = extras().unwrap();
        set_error_hook(|message| panic!("hook refused {message:?}"));
        let message = CString::new("boom").unwrap();
        // SAFETY: a valid C string, alive during the call.
        unsafe { extras.trigger_error.call(message.as_ptr()) };
        clear_error_hook();
        assert_eq!(
            take_error().as_deref(),
            Some(r#"boom (and the error hook panicked: hook refused "boom")"#)
        );
    });
}
// ANCHOR_END: panic_hook

#[test]
fn a_struct_passes_by_value_both_ways() {
    checked(|| {
        let extras = extras().unwrap();
        // SAFETY: plain integers in, a plain struct out.
        let date = unsafe { extras.create_date.call(2026, 11, 24, 13, 5, 59) };
        assert_eq!(
            date,
            DateTime {
                year: 2026,
                month: 11,
                day: 24,
                hour: 13,
                minute: 5,
                second: 59
            }
        );
        // SAFETY: as above.
        let (same, other) = unsafe {
            (
                extras.test_date.call(date, 2026, 11, 24, 13, 5, 59),
                extras.test_date.call(date, 2026, 11, 24, 13, 5, 58),
            )
        };
        assert_eq!((same, other), (1, 0));
    });
}

#[test]
fn dogs_are_created_walked_and_dropped_on_eight_threads() {
    checked(|| {
        let shared = Dog::new().unwrap();
        let owner = DogOwner::new(&shared).unwrap();
        thread::scope(|s| {
            for _ in 0..8 {
                let (shared, owner) = (shared.clone(), owner.clone());
                s.spawn(move || {
                    for _ in 0..1000 {
                        let mine = Dog::new().unwrap();
                        let walker = DogOwner::new(&mine).unwrap();
                        walker.say_walk();
                        assert_eq!(mine.position(), 1);
                        let _extra = shared.clone();
                        owner.say_walk();
                    }
                });
            }
        });
        assert_eq!(shared.position(), 8000, "no walk was lost");
        assert_eq!(
            shared.reference_count(),
            2,
            "every clone's reference was released"
        );
    });
}

#[test]
fn a_release_of_null_is_reported_not_crashed() {
    checked(|| {
        let api = api().unwrap();
        // SAFETY: null is checked by the library and reported.
        unsafe { api.release.call(ptr::null_mut()) };
        assert_eq!(take_error().as_deref(), Some("release: got a null handle"));
    });
}

#[test]
fn eight_threads_share_counted_dogs_and_race_a_close() {
    checked(|| {
        let api = api().unwrap();
        for _ in 0..20 {
            // SAFETY: `create_dog` returns a new dog with one reference, which we adopt.
            let dog = unsafe { Counted::<TestDog>::adopt(api.create_dog.call()) }.unwrap();
            thread::scope(|s| {
                for t in 0..8 {
                    let dog = dog.clone();
                    s.spawn(move || {
                        for i in 0..500 {
                            if t == 0 && i == 250 {
                                dog.close();
                            }
                            if let Ok(lease) = dog.clone().lease() {
                                // SAFETY: the lease keeps the dog alive during the call.
                                assert!(unsafe { api.get_dog_position.call(lease.as_ptr()) } >= 0);
                            }
                        }
                    });
                }
            });
            assert!(dog.is_closed());
            assert_eq!(
                Dog::num_dogs().unwrap(),
                0,
                "released exactly once, at the close"
            );
        }
    });
}
