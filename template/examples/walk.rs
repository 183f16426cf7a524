//! The dog and its owner: an owner keeps its dog alive after the caller lets go of it.

use {{crate_name}}::{Dog, DogOwner, Error};

{% if kit_example %}// ANCHOR: walk
{% endif %}fn main() -> Result<(), Error> {
    let dog = Dog::new()?;
    let owner = DogOwner::new(&dog)?;
    println!(
        "a dog and its owner: {} dog(s), {} owner(s)",
        Dog::num_dogs(),
        DogOwner::num_owners()
    );

    owner.say_walk();
    println!("after a walk, the dog is at position {}", dog.position());

    println!(
        "the dog has {} native references (ours and the owner's)",
        dog.reference_count()
    );
    drop(dog);
    owner.say_walk();
    let position = owner.get_dog().map(|dog| dog.position());
    println!(
        "we dropped our dog, yet the owner walks it: position {position:?}, {} dog(s) alive",
        Dog::num_dogs()
    );

    drop(owner);
    println!(
        "the owner is gone, and the dog with it: {} dog(s), {} owner(s)",
        Dog::num_dogs(),
        DogOwner::num_owners()
    );
    Ok(())
}
{% if kit_example %}// ANCHOR_END: walk
{% endif %}