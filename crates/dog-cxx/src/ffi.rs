//! The raw bridge to the C++ library, as cxx generates it from `include/bridge.h`.
//!
//! Public so that tests, the book and hand-written additions can reach the raw
//! layer; use the safe types of the crate root.

pub use bridge::*;

// ANCHOR: bridge
// The `# Safety` sections below are written, but clippy does not see them through the macro.
#[allow(clippy::missing_safety_doc)]
#[cxx::bridge(namespace = "dog_cxx_bridge")]
mod bridge {
    unsafe extern "C++" {
        include!("dog-cxx/include/bridge.h");

        /// The C++ `::testnative::dog`.
        #[namespace = "testnative"]
        #[cxx_name = "dog"]
        type Dog;

        /// A new `dog()`, with one reference, the caller's.
        fn dog_new() -> Result<*mut Dog>;

        /// Adds a reference.
        ///
        /// # Safety
        ///
        /// `p` points to a live object.
        unsafe fn dog_add_ref(p: *mut Dog);

        /// Releases the reference (or the object) a handle holds.
        ///
        /// # Safety
        ///
        /// `p` points to a live object, whose reference the caller gives up.
        unsafe fn dog_release(p: *mut Dog);

        /// `dog::position`: Number of walks taken so far: a new dog starts at 0.
        fn dog_position(this_: &Dog) -> i32;

        /// `dog::walk`: Moves the dog one step forward.
        ///
        /// # Safety
        ///
        /// Each pointer points to a live object.
        unsafe fn dog_walk(this_: *mut Dog);

        /// `dog::wag_tail`: Wags once and returns the total number of wags including this one, so the first call returns 1.
        ///
        /// # Safety
        ///
        /// Each pointer points to a live object.
        unsafe fn dog_wag_tail(this_: *mut Dog) -> i32;

        /// `dog::reference_count`: The native reference count: a snapshot, for diagnostics and tests.
        fn dog_reference_count(this_: &Dog) -> i32;

        /// `dog::num_dogs`: Number of dogs currently alive in the process.
        fn dog_num_dogs() -> i32;

        /// The C++ `::testnative::owner`.
        #[namespace = "testnative"]
        #[cxx_name = "owner"]
        type DogOwner;

        /// A new `owner(dog*)`, with one reference, the caller's.
        ///
        /// # Safety
        ///
        /// Each pointer points to a live object.
        unsafe fn owner_new(dog: *mut Dog) -> Result<*mut DogOwner>;

        /// Adds a reference.
        ///
        /// # Safety
        ///
        /// `p` points to a live object.
        unsafe fn owner_add_ref(p: *mut DogOwner);

        /// Releases the reference (or the object) a handle holds.
        ///
        /// # Safety
        ///
        /// `p` points to a live object, whose reference the caller gives up.
        unsafe fn owner_release(p: *mut DogOwner);

        /// `owner::say_walk`: Walks the dog.
        ///
        /// # Safety
        ///
        /// Each pointer points to a live object.
        unsafe fn owner_say_walk(this_: *mut DogOwner);

        /// `owner::get_dog`: The dog given to the constructor.
        fn owner_get_dog(this_: &DogOwner) -> *mut Dog;

        /// `owner::reference_count`: The native reference count: a snapshot, for diagnostics and tests.
        fn owner_reference_count(this_: &DogOwner) -> i32;

        /// `owner::num_owners`: Number of owners currently alive in the process.
        fn owner_num_owners() -> i32;
    }
}
// ANCHOR_END: bridge
