//! The sample C++ dog library's C API, loaded at run time with
//! [`refcount::dynamic`] (as Python's cffi `dlopen` does), with the same safe API as
//! the `dog-cxx` example.
//!
//! The bindings are generated at build time from `wrapper.toml` (`new-wrapper expand`
//! writes them out for reading): [`Dog`], [`DogOwner`], the loaded table [`Api`],
//! [`search`] for where the library is looked for, and the crate's [`Error`], with
//! the library's error callback turned into [`Error::Reported`]. Nothing is linked
//! at build time: the library is found when first used, and a missing library or
//! symbol is an `Err` that says where it looked.
//!
//! Beside the generated module, this crate adds by hand what the generator does not
//! make: [`adopt_any`], which gives a `void*` of unknown type the handle its type id
//! calls for, and [`extras`], the C functions it leaves out (dates passed by value,
//! a function of any object).
//!
//! ```
//! use dog_dynamic::{Dog, DogOwner};
//!
//! let dog = Dog::new()?;
//! let owner = DogOwner::new(&dog)?;
//! owner.say_walk();
//! drop(dog); // the owner still holds the native dog
//! owner.say_walk();
//! assert_eq!(owner.dog().position(), 2);
//! drop(owner);
//! assert_eq!(Dog::num_dogs()?, 0);
//! # Ok::<(), dog_dynamic::Error>(())
//! ```
//!
//! There is one [`Api`] in the program, the one [`api`] loads: the handles' releases
//! reach the library through it, so no other can be made.
//!
//! ```compile_fail,E0624
//! // SAFETY: the sample library's initialisers only set up its counters.
//! let lib = unsafe { dog_dynamic::search().load() }.unwrap();
//! let api = dog_dynamic::Api::load(&lib); // error: `load` is private
//! ```
#![deny(missing_docs)]

mod generated {
    include!(concat!(env!("OUT_DIR"), "/refcount-build/lib.rs"));
}

pub use generated::*;

// The crate's own additions, written by hand against the generated module.
mod any;
mod extras;

pub use any::adopt_any;
pub use extras::{extras, DateTime, Extras};
