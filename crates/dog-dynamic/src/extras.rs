//! The C functions the generator leaves out, bound by hand from the library the
//! generated [`Api`](crate::Api) loaded: a struct passed by value, a function of
//! any object, a free function of no type.
//!
//! The pattern for any function the generator refuses: a table of your own, looked
//! up in `api()?.library()`, so that it shares the library's lifetime (every
//! [`Function`] keeps it loaded) and its one load.

use std::ffi::{c_char, c_int};
use std::fmt;

use refcount::dynamic::{Function, Loaded};
use refcount::Opaque;

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

/// The C functions of `c_api.h` that the generated [`Api`](crate::Api) does not hold.
#[allow(missing_docs)] // each field is the C function of the same name
pub struct Extras {
    pub get_type_id: Function<unsafe extern "C" fn(*mut Opaque) -> *const c_char>,
    pub remove_reference: Function<unsafe extern "C" fn(*mut Opaque)>,
    pub create_date:
        Function<unsafe extern "C" fn(c_int, c_int, c_int, c_int, c_int, c_int) -> DateTime>,
    pub test_date:
        Function<unsafe extern "C" fn(DateTime, c_int, c_int, c_int, c_int, c_int, c_int) -> c_int>,
    pub trigger_error: Function<unsafe extern "C" fn(*const c_char)>,
}

impl fmt::Debug for Extras {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Extras")
    }
}

static EXTRAS: Loaded<Extras> = Loaded::new(|| {
    let lib = crate::api()?.library();
    // SAFETY: each signature is the one `c_api.h` declares.
    unsafe {
        Ok(Extras {
            get_type_id: lib.function("get_type_id")?,
            remove_reference: lib.function("remove_reference")?,
            create_date: lib.function("create_date")?,
            test_date: lib.function("test_date")?,
            trigger_error: lib.function("trigger_error")?,
        })
    }
});

/// The functions of the C API that the generated [`Api`](crate::Api) leaves out,
/// looked up in the library it loaded (loading it first, with the crate's error
/// callback registered).
pub fn extras() -> Result<&'static Extras, refcount::Error> {
    EXTRAS.get()
}
