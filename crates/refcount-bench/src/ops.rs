//! The operations measured, one function each, over dogs made once: the benchmark
//! times them and the instruction counter counts them, from this one list.

use std::ffi::c_void;
use std::hint::black_box;
use std::sync::Arc;

use dog_cxx::ffi;
use dog_dynamic::Api;
use refcount::any::Handle;
use refcount::{Counted, Owned, Shared};

use crate::{linked, shared, HandDog};

/// One dog per contender, for the clone and call operations.
pub struct Dogs {
    raw: *mut ffi::Dog,
    owned: Owned<ffi::Dog>,
    shared: Shared<ffi::Dog>,
    counted: Counted<ffi::Dog>,
    arc: Arc<HandDog>,
    shared_ptr: cxx::SharedPtr<shared::Dog>,
    linked: *mut c_void,
    loaded: *mut refcount::Opaque,
    api: &'static Api,
    dynamic: dog_dynamic::Dog,
    generated: dog_cxx::Dog,
}

/// A new dog through the bridge, with one reference (its constructor does not throw).
#[inline]
fn new_dog() -> *mut ffi::Dog {
    ffi::dog_new().expect("a new dog")
}

/// A new dog's one reference, adopted by handle `H`.
#[inline]
fn adopt<H: Handle<Target = ffi::Dog>>() -> H {
    // SAFETY: `new_dog` returns a new dog with one reference, which `H` takes over.
    unsafe { H::adopt(new_dog()) }.unwrap()
}

impl Dogs {
    /// Makes the dogs (and loads the library for the dynamic contenders).
    pub fn new() -> Self {
        let api = dog_dynamic::api().expect("the sample library loads");
        Dogs {
            raw: new_dog(),
            owned: adopt(),
            shared: adopt(),
            counted: adopt(),
            arc: Arc::new(HandDog::new()),
            shared_ptr: shared::new_shared_dog(),
            // SAFETY: takes no argument; the dog is released in `drop`.
            linked: unsafe { linked::create_dog() },
            // SAFETY: as above, through the loaded C API.
            loaded: unsafe { api.create_dog.call() },
            api,
            dynamic: dog_dynamic::Dog::new().expect("the sample library loads"),
            generated: dog_cxx::Dog::new().expect("a new dog"),
        }
    }
}

impl Default for Dogs {
    fn default() -> Self {
        Dogs::new()
    }
}

impl Drop for Dogs {
    fn drop(&mut self) {
        // SAFETY: the raw dogs' own references, released once.
        unsafe {
            ffi::dog_release(self.raw);
            linked::release(self.linked);
            self.api.release.call(self.loaded);
        }
    }
}

/// Does nothing: what the instruction counter subtracts as the cost of its loop.
#[inline]
pub fn nothing(dogs: &Dogs) {
    black_box(dogs);
}

// --- create + release ---

/// The limit: a new dog, released at once, through the cxx bridge.
#[inline]
pub fn create_release_raw(_: &Dogs) {
    // SAFETY: the new dog's one reference is released once.
    unsafe { ffi::dog_release(black_box(new_dog())) }
}

/// A new dog held by `Owned`, dropped.
#[inline]
pub fn create_release_owned(_: &Dogs) {
    drop(black_box(adopt::<Owned<ffi::Dog>>()));
}

/// A new dog held by `Shared`, dropped.
#[inline]
pub fn create_release_shared(_: &Dogs) {
    drop(black_box(adopt::<Shared<ffi::Dog>>()));
}

/// A new dog held by `Counted`, dropped.
#[inline]
pub fn create_release_counted(_: &Dogs) {
    drop(black_box(adopt::<Counted<ffi::Dog>>()));
}

/// A new dog in an `Arc` of a hand-written wrapper, dropped.
#[inline]
pub fn create_release_arc(_: &Dogs) {
    drop(black_box(Arc::new(HandDog::new())));
}

/// A new dog in a `std::shared_ptr`, dropped.
#[inline]
pub fn create_release_shared_ptr(_: &Dogs) {
    drop(black_box(shared::new_shared_dog()));
}

/// A new dog through the linked C API, released.
#[inline]
pub fn create_release_linked(_: &Dogs) {
    // SAFETY: the new dog's one reference is released once.
    unsafe { linked::release(black_box(linked::create_dog())) }
}

/// A new dog through the loaded C API, released.
#[inline]
pub fn create_release_loaded(dogs: &Dogs) {
    // SAFETY: the new dog's one reference is released once.
    unsafe { dogs.api.release.call(black_box(dogs.api.create_dog.call())) }
}

/// A new `dog_dynamic::Dog` (a `Shared` over the loaded C API), dropped.
#[inline]
pub fn create_release_dynamic(_: &Dogs) {
    drop(black_box(dog_dynamic::Dog::new().unwrap()));
}

// --- clone + drop ---

/// The limit: add a reference and release it, through the cxx bridge.
#[inline]
pub fn clone_drop_raw(dogs: &Dogs) {
    // SAFETY: the dog is alive; the added reference is released at once.
    unsafe {
        ffi::dog_add_ref(black_box(dogs.raw));
        ffi::dog_release(black_box(dogs.raw));
    }
}

/// Clone a `Shared` and drop the clone.
#[inline]
pub fn clone_drop_shared(dogs: &Dogs) {
    drop(black_box(dogs.shared.clone()));
}

/// Clone a `Counted` and drop the clone.
#[inline]
pub fn clone_drop_counted(dogs: &Dogs) {
    drop(black_box(dogs.counted.clone()));
}

/// Clone an `Arc` and drop the clone.
#[inline]
pub fn clone_drop_arc(dogs: &Dogs) {
    drop(black_box(dogs.arc.clone()));
}

/// Clone a `cxx::SharedPtr` and drop the clone.
#[inline]
pub fn clone_drop_shared_ptr(dogs: &Dogs) {
    drop(black_box(dogs.shared_ptr.clone()));
}

/// Add a reference and release it, through the linked C API.
#[inline]
pub fn clone_drop_linked(dogs: &Dogs) {
    // SAFETY: the dog is alive; the added reference is released at once.
    unsafe {
        linked::add_reference(black_box(dogs.linked));
        linked::release(black_box(dogs.linked));
    }
}

/// Add a reference and release it, through the loaded C API.
#[inline]
pub fn clone_drop_loaded(dogs: &Dogs) {
    // SAFETY: the dog is alive; the added reference is released at once.
    unsafe {
        dogs.api.add_reference.call(black_box(dogs.loaded));
        dogs.api.release.call(black_box(dogs.loaded));
    }
}

/// Clone a `dog_dynamic::Dog` and drop the clone.
#[inline]
pub fn clone_drop_dynamic(dogs: &Dogs) {
    drop(black_box(dogs.dynamic.clone()));
}

// --- a call ---

/// What the generated methods do with an exception nobody announced (`position`
/// throws none): a panic, kept out of the calling code's way.
#[cold]
fn threw(exception: cxx::Exception) -> ! {
    panic!("dog::position threw {exception}")
}

/// The limit: read the position through the cxx bridge, which catches a C++
/// exception (as every bridge function of a member not declared `noexcept` does).
/// The pointer is read from where it is stored, as a handle's is.
#[inline]
pub fn call_raw(dogs: &Dogs) {
    // SAFETY: the dog is alive while `dogs` is.
    black_box(ffi::dog_position(unsafe { &**black_box(&dogs.raw) }).unwrap_or_else(|e| threw(e)));
}

/// Read the position through an `Owned`.
#[inline]
pub fn call_owned(dogs: &Dogs) {
    black_box(ffi::dog_position(black_box(&dogs.owned).get()).unwrap_or_else(|e| threw(e)));
}

/// Read the position through a `Shared`.
#[inline]
pub fn call_shared(dogs: &Dogs) {
    black_box(ffi::dog_position(black_box(&dogs.shared).get()).unwrap_or_else(|e| threw(e)));
}

/// Read the position through a hand-written cxx binding of the member function
/// (`fn position(self: &Dog) -> i32`): what a hand-written bridge costs.
#[inline]
pub fn call_handwritten(dogs: &Dogs) {
    // SAFETY: the same C++ dog, seen through the benchmark's own bridge type.
    let dog = unsafe { &*(*black_box(&dogs.raw)).cast::<shared::Dog>() };
    black_box(dog.position());
}

/// Read the position through the method that the template generated
/// (`dog_cxx::Dog::position`).
#[inline]
pub fn call_generated(dogs: &Dogs) {
    black_box(black_box(&dogs.generated).position());
}

/// Read the position through a lease of a `Counted`.
#[inline]
pub fn call_counted_lease(dogs: &Dogs) {
    black_box(
        ffi::dog_position(&black_box(&dogs.counted).lease().unwrap()).unwrap_or_else(|e| threw(e)),
    );
}

/// Read the position through an `Arc` of a hand-written wrapper.
#[inline]
pub fn call_arc(dogs: &Dogs) {
    black_box(black_box(&dogs.arc).position());
}

/// Read the position through a `cxx::SharedPtr`.
#[inline]
pub fn call_shared_ptr(dogs: &Dogs) {
    black_box(shared::shared_dog_position(black_box(&dogs.shared_ptr)));
}

/// Read the position through the linked C API.
#[inline]
pub fn call_linked(dogs: &Dogs) {
    // SAFETY: the dog is alive while `dogs` is.
    black_box(unsafe { linked::get_dog_position(*black_box(&dogs.linked)) });
}

/// Read the position through the loaded C API.
#[inline]
pub fn call_loaded(dogs: &Dogs) {
    // SAFETY: the dog is alive while `dogs` is.
    black_box(unsafe { dogs.api.get_dog_position.call(*black_box(&dogs.loaded)) });
}

/// Read the position of a `dog_dynamic::Dog`.
#[inline]
pub fn call_dynamic(dogs: &Dogs) {
    black_box(black_box(&dogs.dynamic).position());
}

/// Calls `$callback!` with every operation as `(group, id, label, function)`, in the
/// table's order; the first of each group is its baseline.
#[macro_export]
macro_rules! with_ops {
    ($callback:ident) => {
        $callback! {
            ("create_release", "raw", "raw FFI: new + release", create_release_raw),
            ("create_release", "owned", "Owned", create_release_owned),
            ("create_release", "shared", "Shared", create_release_shared),
            ("create_release", "counted", "Counted", create_release_counted),
            ("create_release", "arc", "Arc of a hand-written wrapper", create_release_arc),
            ("create_release", "shared_ptr", "cxx::SharedPtr", create_release_shared_ptr),
            ("create_release", "linked_c", "C API, linked", create_release_linked),
            ("create_release", "loaded_c", "C API, loaded (dynamic)", create_release_loaded),
            ("create_release", "dynamic", "dog-dynamic's Shared", create_release_dynamic),
            ("clone_drop", "raw", "raw FFI: add_ref + release", clone_drop_raw),
            ("clone_drop", "shared", "Shared", clone_drop_shared),
            ("clone_drop", "counted", "Counted", clone_drop_counted),
            ("clone_drop", "arc", "Arc of a hand-written wrapper", clone_drop_arc),
            ("clone_drop", "shared_ptr", "cxx::SharedPtr", clone_drop_shared_ptr),
            ("clone_drop", "linked_c", "C API, linked", clone_drop_linked),
            ("clone_drop", "loaded_c", "C API, loaded (dynamic)", clone_drop_loaded),
            ("clone_drop", "dynamic", "dog-dynamic's Shared", clone_drop_dynamic),
            ("call", "raw", "raw FFI: position()", call_raw),
            ("call", "handwritten", "hand-written cxx member binding", call_handwritten),
            ("call", "generated", "generated method (dog_cxx::Dog)", call_generated),
            ("call", "owned", "Owned", call_owned),
            ("call", "shared", "Shared", call_shared),
            ("call", "counted_lease", "Counted, a lease per call", call_counted_lease),
            ("call", "arc", "Arc of a hand-written wrapper", call_arc),
            ("call", "shared_ptr", "cxx::SharedPtr", call_shared_ptr),
            ("call", "linked_c", "C API, linked", call_linked),
            ("call", "loaded_c", "C API, loaded (dynamic)", call_loaded),
            ("call", "dynamic", "dog-dynamic's Shared", call_dynamic),
        }
    };
}
