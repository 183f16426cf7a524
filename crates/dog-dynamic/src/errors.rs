//! The library's error callback, turned into `Err` values. Panics never reach C.

use std::cell::RefCell;
use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, PoisonError};

use crate::api::Api;

thread_local! {
    /// The last error the library reported on this thread. The library calls its
    /// callback on the thread of the failing call, so a call can look here after.
    static LAST_ERROR: RefCell<Option<String>> = const { RefCell::new(None) };
}

type Hook = Arc<dyn Fn(&str) + Send + Sync>;
static HOOK: Mutex<Option<Hook>> = Mutex::new(None);

// ANCHOR: callback
/// Called by the C library with a message when a call fails.
///
/// An `extern "C"` function must not unwind: a panic here (in the user's hook, say)
/// is caught and recorded as the error instead.
unsafe extern "C" fn on_error(message: *const c_char) {
    let text = if message.is_null() {
        "the library reported an error without a message".to_owned()
    } else {
        // SAFETY: the library passes a valid C string, alive during the call.
        unsafe { CStr::from_ptr(message) }
            .to_string_lossy()
            .into_owned()
    };
    let hook = HOOK.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let recorded = match hook.map(|hook| catch_unwind(AssertUnwindSafe(|| hook(&text)))) {
        Some(Err(panic)) => format!(
            "{text} (and the error hook panicked: {})",
            panic_message(&*panic)
        ),
        _ => text,
    };
    LAST_ERROR.with(|last| *last.borrow_mut() = Some(recorded));
}
// ANCHOR_END: callback

fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a non-string panic")
}

pub(crate) fn register(api: &Api) {
    // SAFETY: `on_error` has the callback's C signature and never unwinds.
    unsafe { api.register_error_callback.call(Some(on_error)) }
}

/// The error the library reported on this thread since the last call, if any.
pub fn take_error() -> Option<String> {
    LAST_ERROR.with(|last| last.borrow_mut().take())
}

/// Runs `hook` with every error message the library reports (for logging), on the
/// thread of the failing call. A panic in the hook is caught: it never unwinds into C.
pub fn set_error_hook(hook: impl Fn(&str) + Send + Sync + 'static) {
    *HOOK.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(hook));
}

/// Removes the hook set by [`set_error_hook`].
pub fn clear_error_hook() {
    *HOOK.lock().unwrap_or_else(PoisonError::into_inner) = None;
}

// ANCHOR: check
/// `Ok(value)`, unless the library reported an error during the call that made it.
pub(crate) fn check<T>(value: T) -> Result<T, crate::Error> {
    match take_error() {
        Some(message) => Err(crate::Error::Native(message)),
        None => Ok(value),
    }
}

/// The error for a `create_*` function that returned null (which a handle refused):
/// what the library reported, if it did. Only a failure looks for a report: a
/// successful call costs no thread-local lookup.
#[cold]
pub(crate) fn not_created(refused: refcount::Error) -> crate::Error {
    match take_error() {
        Some(message) => crate::Error::Native(message),
        None => crate::Error::Handle(refused),
    }
}
// ANCHOR_END: check
