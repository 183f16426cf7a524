//! The sample library's own story, beyond what every generated crate tests: counts
//! across a dog and its owner, the owner that keeps its dog alive, a C++ exception,
//! a forced close, type tags and threads. Every test ends with a leak check on both
//! sides: the handles' counts and the C++ library's live-object counters.

use std::ptr;
use std::thread;

use dog_cxx::{ffi, Dog, DogOwner, Error};
use refcount::any::AnyHandle;
use refcount::leak::LeakCheck;
use refcount::Counted;

/// Runs `test` alone (the C++ counters are global) and checks that it leaked nothing.
fn checked(test: impl FnOnce() -> Result<(), Error>) {
    let check = LeakCheck::start();
    let before = (Dog::num_dogs(), DogOwner::num_owners());
    test().expect("the C++ calls succeed");
    assert_eq!(
        (Dog::num_dogs(), DogOwner::num_owners()),
        before,
        "C++ objects leaked"
    );
    check.finish().expect("handles leaked");
}

fn live() -> (i32, i32) {
    (Dog::num_dogs(), DogOwner::num_owners())
}

// ANCHOR: keeps_alive
#[test]
fn an_owner_keeps_its_dog_alive_after_the_caller_drops_it() {
    checked(|| {
        let dog = Dog::new()?;
        assert_eq!(dog.reference_count(), 1);
        let owner = DogOwner::new(&dog)?;
        assert_eq!(
            dog.reference_count(),
            2,
            "the owner's wrapper holds the dog"
        );
        assert_eq!(owner.reference_count(), 1);
        assert_eq!(live(), (1, 1));
        drop(dog);
        assert_eq!(Dog::num_dogs(), 1, "the owner keeps the native dog alive");
        owner.say_walk();
        let walked = owner.get_dog().expect("the owner has a dog");
        assert_eq!(
            walked,
            owner.get_dog().unwrap(),
            "the same C++ dog each time"
        );
        assert_eq!(walked.position(), 1);
        assert_eq!(walked.reference_count(), 2, "the owner's and the getter's");
        drop((owner, walked));
        assert_eq!(live(), (0, 0));
        Ok(())
    });
}
// ANCHOR_END: keeps_alive

#[test]
fn walking_moves_the_dog_seen_through_every_handle() {
    checked(|| {
        let dog = Dog::new()?;
        let owner = DogOwner::new(&dog)?;
        for _ in 0..3 {
            owner.say_walk();
        }
        dog.walk();
        assert_eq!(dog.position(), 4);
        let same = owner.get_dog().expect("the owner has a dog");
        assert_eq!(same.position(), 4);
        assert_eq!(same.as_ptr(), dog.as_ptr());
        assert_eq!(dog.wag_tail(), 1);
        assert_eq!(same.wag_tail(), 2);
        Ok(())
    });
}

#[test]
fn clones_add_native_references_and_drops_free() {
    checked(|| {
        let dog = Dog::new()?;
        let twin = dog.clone();
        assert_eq!(dog.reference_count(), 2);
        drop(dog);
        assert_eq!((twin.reference_count(), Dog::num_dogs()), (1, 1));
        drop(twin);
        assert_eq!(Dog::num_dogs(), 0);
        Ok(())
    });
}

#[test]
fn an_owner_clone_shares_the_native_owner() {
    checked(|| {
        let owner = DogOwner::new(&Dog::new()?)?;
        let twin = owner.clone();
        assert_eq!(owner.reference_count(), 2);
        assert_eq!(DogOwner::num_owners(), 1);
        twin.say_walk();
        assert_eq!(owner.get_dog().map(|dog| dog.position()), Some(1));
        Ok(())
    });
}

// ANCHOR: exception
#[test]
fn a_cpp_exception_becomes_an_err() {
    checked(|| {
        // SAFETY: a null dog is allowed: the C++ constructor throws for it.
        let err = unsafe { ffi::owner_new(ptr::null_mut()) }.unwrap_err();
        // The exception's type, then its message.
        assert_eq!(
            err.what(),
            "std::invalid_argument: owner needs a dog, got a null pointer"
        );
        assert_eq!(
            Error::from(err).to_string(),
            "the C++ library failed: std::invalid_argument: owner needs a dog, got a null pointer"
        );
        Ok(())
    });
}
// ANCHOR_END: exception

#[test]
fn a_forced_close_releases_once_and_twice_is_harmless() {
    checked(|| {
        // SAFETY: `dog_new` returns a new dog with one reference, which we adopt.
        let dog = unsafe { Counted::<ffi::Dog>::adopt(ffi::dog_new()?) }?;
        let twin = dog.clone();
        assert_eq!(Dog::num_dogs(), 1);
        assert!(dog.close());
        assert!(!twin.close());
        assert_eq!(
            Dog::num_dogs(),
            0,
            "released at close, not at the last drop"
        );
        assert_eq!(
            twin.lease().unwrap_err().to_string(),
            "the `testnative::dog` handle was closed and its native object released; keep a \
             clone open for as long as you use it"
        );
        Ok(())
    });
}

#[test]
fn wrong_types_are_refused_with_both_names() {
    checked(|| {
        let any = AnyHandle::from(Dog::new()?);
        assert_eq!(any.to_string(), "Shared<testnative::dog>");
        let err = any
            .downcast::<refcount::Shared<ffi::DogOwner>>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "expected a handle of type `Shared<testnative::owner>` but got one of type \
             `Shared<testnative::dog>`"
        );
        let dog = Dog::try_from(err.into_handle()).expect("the handle came back intact");
        assert_eq!(dog.reference_count(), 1);
        Ok(())
    });
}

#[test]
fn dogs_are_created_walked_and_dropped_on_eight_threads() {
    checked(|| {
        let shared = Dog::new()?;
        let owner = DogOwner::new(&shared)?;
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
        assert_eq!(live(), (1, 1));
        Ok(())
    });
}

#[test]
fn eight_threads_share_counted_dogs_and_race_a_close() {
    checked(|| {
        for _ in 0..20 {
            // SAFETY: `dog_new` returns a new dog with one reference, which we adopt.
            let dog = unsafe { Counted::<ffi::Dog>::adopt(ffi::dog_new()?) }?;
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
                                    assert!(ffi::dog_position(&lease).expect("no exception") >= 0);
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
            assert_eq!(Dog::num_dogs(), 0, "released exactly once, at the close");
        }
        Ok(())
    });
}
