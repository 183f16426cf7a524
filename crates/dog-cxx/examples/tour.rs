//! A tour of the bindings: an object of each class that a constructor makes, and
//! what its const and static methods return.

use dog_cxx::*;

fn main() -> Result<(), Error> {
    let dog = Dog::new()?;
    println!("a new Dog: {dog:?}");
    println!("dog.position() = {:?}", dog.position());
    println!("dog.reference_count() = {:?}", dog.reference_count());
    println!("Dog::num_dogs() = {:?}", Dog::num_dogs());
    let dog_owner = DogOwner::new(&Dog::new()?)?;
    println!("a new DogOwner: {dog_owner:?}");
    println!("dog_owner.get_dog() = {:?}", dog_owner.get_dog());
    println!(
        "dog_owner.reference_count() = {:?}",
        dog_owner.reference_count()
    );
    println!("DogOwner::num_owners() = {:?}", DogOwner::num_owners());
    Ok(())
}
