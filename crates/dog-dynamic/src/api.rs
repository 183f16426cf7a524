//! The library's C API, loaded at run time: a struct of functions that keep it loaded.

use std::ffi::{c_char, c_int};
use std::fmt;

use refcount::Opaque;

use refcount::dynamic::{Function, Library, Loaded, Search};

use crate::errors;

/// The date struct the C API passes by value (`date_time_to_second`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year, such as 2026.
    pub year: c_int,
    /// Month, 1 to 12.
    pub month: c_int,
    /// Day of the month.
    pub day: c_int,
    /// Hour, 0 to 23.
    pub hour: c_int,
    /// Minute.
    pub minute: c_int,
    /// Second.
    pub second: c_int,
}

/// The C API's `void*`: an object Rust only points to.
type Ptr = *mut Opaque;
/// The error callback's C signature.
pub type ErrorCallback = unsafe extern "C" fn(message: *const c_char);

// ANCHOR: api
/// The C API of `libtestnative` (see `native-cpp/include/testnative/c_api.h`).
///
/// Every function keeps the library loaded, so none can be called after it is
/// unloaded. The fields are the raw layer: use the safe types of the crate root.
///
/// There is one `Api` in the program, the one [`api`] loads: the handles' releases
/// reach the library through it, so no other can be made.
///
/// ```compile_fail
/// // SAFETY: the sample library's initialisers only set up its counters.
/// let lib = unsafe { dog_dynamic::search().load() }.unwrap();
/// let api = dog_dynamic::Api::load(&lib); // error: `load` is private
/// ```
#[allow(missing_docs)] // each field is the C function of the same name
pub struct Api {
    library: Library,
    pub create_dog: Function<unsafe extern "C" fn() -> Ptr>,
    pub create_owner: Function<unsafe extern "C" fn(Ptr) -> Ptr>,
    pub say_walk: Function<unsafe extern "C" fn(Ptr)>,
    pub get_dog_position: Function<unsafe extern "C" fn(Ptr) -> c_int>,
    pub wag_tail: Function<unsafe extern "C" fn(Ptr) -> c_int>,
    pub get_type_id: Function<unsafe extern "C" fn(Ptr) -> *const c_char>,
    pub release: Function<unsafe extern "C" fn(Ptr)>,
    pub add_reference: Function<unsafe extern "C" fn(Ptr)>,
    pub get_reference_count: Function<unsafe extern "C" fn(Ptr) -> c_int>,
    pub num_dogs: Function<unsafe extern "C" fn() -> c_int>,
    pub num_owners: Function<unsafe extern "C" fn() -> c_int>,
    pub create_date:
        Function<unsafe extern "C" fn(c_int, c_int, c_int, c_int, c_int, c_int) -> DateTime>,
    pub test_date:
        Function<unsafe extern "C" fn(DateTime, c_int, c_int, c_int, c_int, c_int, c_int) -> c_int>,
    pub register_error_callback: Function<unsafe extern "C" fn(Option<ErrorCallback>)>,
    pub trigger_error: Function<unsafe extern "C" fn(*const c_char)>,
}
// ANCHOR_END: api

// ANCHOR: load
impl Api {
    /// The library the functions come from.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Looks up every function of the C API in `lib`.
    ///
    /// Fails with [`refcount::Error::SymbolNotFound`] naming the first one missing.
    fn load(lib: &Library) -> Result<Api, refcount::Error> {
        // SAFETY: each signature below is the one `c_api.h` declares.
        unsafe {
            Ok(Api {
                library: lib.clone(),
                create_dog: lib.function("create_dog")?,
                create_owner: lib.function("create_owner")?,
                say_walk: lib.function("say_walk")?,
                get_dog_position: lib.function("get_dog_position")?,
                wag_tail: lib.function("wag_tail")?,
                get_type_id: lib.function("get_type_id")?,
                release: lib.function("release")?,
                add_reference: lib.function("add_reference")?,
                get_reference_count: lib.function("get_reference_count")?,
                num_dogs: lib.function("num_dogs")?,
                num_owners: lib.function("num_owners")?,
                create_date: lib.function("create_date")?,
                test_date: lib.function("test_date")?,
                register_error_callback: lib.function("register_error_callback")?,
                trigger_error: lib.function("trigger_error")?,
            })
        }
    }
}
// ANCHOR_END: load

// ANCHOR: search
/// Where the library is looked for: `$TESTNATIVE_LIBRARY` (a file or a folder), the
/// folder this crate's build script built it in, the executable's folder, then the
/// system's places.
pub fn search() -> Search {
    Search::new("testnative")
        .env_var("TESTNATIVE_LIBRARY")
        .dir(env!("TESTNATIVE_BUILD_DIR"))
}
// ANCHOR_END: search

impl fmt::Debug for Api {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Api({})", self.library.path().display())
    }
}

// ANCHOR: lazy
/// The one loaded API: the handles' releases find the library here.
pub(crate) static API: Loaded<Api> = Loaded::new(|| {
    // SAFETY: the sample library's initialisers only set up its counters.
    let lib = unsafe { search().load() }?;
    let api = Api::load(&lib)?;
    errors::register(&api);
    Ok(api)
});

/// The C API, loaded on first use (found by [`search`]) with its error callback
/// registered; the same error on every call if it could not be loaded.
pub fn api() -> Result<&'static Api, refcount::Error> {
    API.get()
}
// ANCHOR_END: lazy
