//! The contenders of the benchmarks, beside what `dog-cxx` and `dog-dynamic` offer:
//! a C++ `std::shared_ptr` through cxx, and the `Arc` a Rust user writes by hand.
#![deny(missing_docs)]

use std::ffi::{c_int, c_void};
use std::ptr::NonNull;

use dog_cxx::ffi as dog;

pub mod ops;

/// `std::shared_ptr<testnative::dog>`, through cxx.
#[cxx::bridge(namespace = "testnative::bench")]
pub mod shared {
    unsafe extern "C++" {
        include!("refcount-bench/include/shared_ptr.h");

        /// The C++ `testnative::dog` (the type `dog-cxx` binds, seen from this bridge).
        #[namespace = "testnative"]
        #[cxx_name = "dog"]
        type Dog;

        /// A new dog held by a `std::shared_ptr`.
        fn new_shared_dog() -> SharedPtr<Dog>;
        /// `dog::position`, bound by hand as a member function.
        #[namespace = "testnative"]
        fn position(self: &Dog) -> i32;
        /// The dog's position, through the `shared_ptr`.
        fn shared_dog_position(dog: &SharedPtr<Dog>) -> i32;
    }
}

/// The library's C API linked statically into the benchmark (the same functions
/// `dog-dynamic` loads at run time), to compare a linked call with a loaded one.
pub mod linked {
    use super::{c_int, c_void};

    extern "C" {
        /// `create_dog` of `c_api.h`.
        pub fn create_dog() -> *mut c_void;
        /// `release` of `c_api.h`.
        pub fn release(obj: *mut c_void);
        /// `add_reference` of `c_api.h`.
        pub fn add_reference(obj: *mut c_void);
        /// `get_dog_position` of `c_api.h`.
        pub fn get_dog_position(dog: *mut c_void) -> c_int;
    }
}

/// What a Rust user writes by hand without `refcount`: a pointer that releases on
/// drop, to be put in an `Arc`.
pub struct HandDog(NonNull<dog::Dog>);

impl HandDog {
    /// A new dog.
    pub fn new() -> Self {
        let raw = dog::dog_new().expect("a new dog");
        HandDog(NonNull::new(raw).expect("new either returns a dog or throws"))
    }

    /// The dog's position.
    pub fn position(&self) -> i32 {
        // SAFETY: the pointer is live until drop.
        dog::dog_position(unsafe { self.0.as_ref() }).expect("position does not throw")
    }
}

impl Default for HandDog {
    fn default() -> Self {
        HandDog::new()
    }
}

impl Drop for HandDog {
    fn drop(&mut self) {
        // SAFETY: the one reference this value holds, released once.
        unsafe { dog::dog_release(self.0.as_ptr()) }
    }
}

// SAFETY: the C++ dog is thread-safe (atomic count and state).
unsafe impl Send for HandDog {}
// SAFETY: as above.
unsafe impl Sync for HandDog {}
