//! Each class that a constructor makes: made, shared where it can be, its const
//! and static methods called, and dropped, with a leak check on the handles.

use dog_cxx::*;
use refcount::leak::LeakCheck;

/// Runs `test` alone (leak counts are global) and checks that it leaked no handle.
fn checked(test: impl FnOnce() -> Result<(), Error>) {
    let check = LeakCheck::start();
    test().expect("the C++ calls succeed");
    check.finish().expect("every handle is released");
}

#[test]
fn dog_is_made_used_and_released() {
    checked(|| {
        let dog = Dog::new()?;
        let twin = dog.clone();
        assert_eq!(twin, dog, "a clone holds the same C++ object");
        drop(twin);
        let _ = dog.position();
        let _ = dog.reference_count();
        let _ = Dog::num_dogs();
        drop(dog);
        Ok(())
    });
}

#[test]
fn dog_owner_is_made_used_and_released() {
    checked(|| {
        let dog_owner = DogOwner::new(&Dog::new()?)?;
        let twin = dog_owner.clone();
        assert_eq!(twin, dog_owner, "a clone holds the same C++ object");
        drop(twin);
        let _ = dog_owner.get_dog();
        let _ = dog_owner.reference_count();
        let _ = DogOwner::num_owners();
        drop(dog_owner);
        Ok(())
    });
}
