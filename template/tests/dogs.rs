//! The tests of Python's `refcount` package, through cxx, and beyond it: counts, early drops, forced
//! close, wrong types, C++ exceptions and threads. Every test ends with a leak check
//! on both sides: the handles' counts and the C++ library's live-object counters.

use std::ptr;
use std::thread;

use {{crate_name}}::{ffi, num_dogs, num_owners, Dog, DogOwner, Error};
use refcount::leak::LeakCheck;
use refcount::{AnyHandle, Counted};

/// Runs `test` alone (the C++ counters are global) and checks that it leaked nothing.
fn checked(test: impl FnOnce()) {
    let check = LeakCheck::start();
    let before = (num_dogs(), num_owners());
    test();
    assert_eq!((num_dogs(), num_owners()), before, "C++ objects leaked");
    check.finish().expect("handles leaked");
}

#[test]
fn counts_across_a_dog_and_its_owner() {
    checked(|| {
        let dog = Dog::new();
        assert_eq!(dog.reference_count(), 1);
        let owner = DogOwner::new(&dog).unwrap();
        assert_eq!(
            dog.reference_count(),
            2,
            "the owner's wrapper holds the dog"
        );
        assert_eq!(owner.reference_count(), 1);
        assert_eq!((num_dogs(), num_owners()), (1, 1));
        drop(dog);
        assert_eq!(num_dogs(), 1, "the owner keeps the native dog alive");
        assert_eq!(owner.dog().reference_count(), 1);
        drop(owner);
        assert_eq!((num_dogs(), num_owners()), (0, 0));
    });
}

#[test]
fn walking_moves_the_dog_seen_through_every_handle() {
    checked(|| {
        let dog = Dog::new();
        let owner = DogOwner::new(&dog).unwrap();
        for _ in 0..3 {
            owner.say_walk();
        }
        assert_eq!(dog.position(), 3);
        assert_eq!(owner.dog().position(), 3);
        assert_eq!(dog.wag_tail(), 1);
        assert_eq!(owner.dog().wag_tail(), 2);
    });
}

#[test]
fn clones_add_native_references_and_drops_free() {
    checked(|| {
        let dog = Dog::new();
        let twin = dog.clone();
        assert_eq!(dog.reference_count(), 2);
        drop(dog);
        assert_eq!((twin.reference_count(), num_dogs()), (1, 1));
        drop(twin);
        assert_eq!(num_dogs(), 0);
    });
}

#[test]
fn an_owner_clone_shares_the_native_owner() {
    checked(|| {
        let owner = DogOwner::new(&Dog::new()).unwrap();
        let twin = owner.clone();
        assert_eq!(owner.reference_count(), 2);
        assert_eq!(num_owners(), 1);
        twin.say_walk();
        assert_eq!(owner.dog().position(), 1);
    });
}

#[test]
fn a_cpp_exception_becomes_an_err() {
    checked(|| {
        // SAFETY: a null dog is allowed: the C++ constructor throws for it.
        let err = unsafe { ffi::new_owner(ptr::null_mut()) }.unwrap_err();
        assert_eq!(err.what(), "owner needs a dog, got a null pointer");
        assert_eq!(
            Error::from(err).to_string(),
            "the C++ library failed: owner needs a dog, got a null pointer"
        );
    });
}

#[test]
fn a_forced_close_releases_once_and_twice_is_harmless() {
    checked(|| {
        // SAFETY: `new_dog` returns a new dog with one reference, which we adopt.
        let dog = unsafe { Counted::<ffi::Dog>::adopt(ffi::new_dog()) }.unwrap();
        let twin = dog.clone();
        assert_eq!(num_dogs(), 1);
        assert!(dog.close());
        assert!(!twin.close());
        assert_eq!(num_dogs(), 0, "released at close, not at the last drop");
        assert_eq!(
            twin.lease().unwrap_err().to_string(),
            "the `DOG_PTR` handle was closed and its native object released; keep a clone \
             open for as long as you use it"
        );
    });
}

#[test]
fn wrong_types_are_refused_with_both_names() {
    checked(|| {
        let any = AnyHandle::from(Dog::new());
        assert_eq!(any.to_string(), "Shared<DOG_PTR>");
        let err = any.downcast::<refcount::Shared<ffi::Owner>>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "expected a handle of type `Shared<OWNER_PTR>` but got one of type `Shared<DOG_PTR>`"
        );
        let dog = Dog::try_from(err.into_handle()).expect("the handle came back intact");
        assert_eq!(dog.reference_count(), 1);
    });
}

#[test]
fn dogs_are_created_walked_and_dropped_on_eight_threads() {
    checked(|| {
        let shared = Dog::new();
        let owner = DogOwner::new(&shared).unwrap();
        thread::scope(|s| {
            for _ in 0..8 {
                let (shared, owner) = (shared.clone(), owner.clone());
                s.spawn(move || {
                    for _ in 0..1000 {
                        let mine = Dog::new();
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
        assert_eq!((num_dogs(), num_owners()), (1, 1));
    });
}

#[test]
fn eight_threads_share_counted_dogs_and_race_a_close() {
    checked(|| {
        for _ in 0..20 {
            // SAFETY: `new_dog` returns a new dog with one reference, which we adopt.
            let dog = unsafe { Counted::<ffi::Dog>::adopt(ffi::new_dog()) }.unwrap();
            let leased: usize = thread::scope(|s| {
                let workers: Vec<_> = (0..8)
                    .map(|t| {
                        let dog = dog.clone();
                        s.spawn(move || {
                            let mut leased = 0;
                            for i in 0..500 {
                                if t == 0 && i == 250 {
                                    dog.close();
                                }
                                if let Ok(lease) = dog.clone().lease() {
                                    assert!(ffi::dog_position(&lease) >= 0);
                                    leased += 1;
                                }
                            }
                            leased
                        })
                    })
                    .collect();
                workers.into_iter().map(|w| w.join().unwrap()).sum()
            });
            assert!(leased >= 250, "thread 0 leases until it closes");
            assert!(dog.is_closed());
            assert_eq!(num_dogs(), 0, "released exactly once, at the close");
        }
    });
}
