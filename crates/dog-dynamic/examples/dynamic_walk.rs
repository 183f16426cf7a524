//! The dog and its owner, over the C API loaded at run time.

// ANCHOR: walk
use dog_dynamic::{Dog, DogOwner, Error};

fn main() -> Result<(), Error> {
    let dog = Dog::new()?;
    let owner = DogOwner::new(&dog)?;
    println!("loaded {}", dog_dynamic::api()?.library().path().display());
    println!(
        "a dog and its owner: {} dog(s), {} owner(s)",
        Dog::num_dogs()?,
        DogOwner::num_owners()?
    );

    owner.say_walk();
    println!("after a walk, the dog is at position {}", dog.position());

    println!(
        "the dog has {} native references (ours and the owner's)",
        dog.reference_count()
    );
    drop(dog);
    owner.say_walk();
    println!(
        "we dropped our dog, yet the owner walks it: position {}, {} dog(s) alive",
        owner.dog().position(),
        Dog::num_dogs()?
    );

    drop(owner);
    println!(
        "the owner is gone, and the dog with it: {} dog(s), {} owner(s)",
        Dog::num_dogs()?,
        DogOwner::num_owners()?
    );
    Ok(())
}
// ANCHOR_END: walk
