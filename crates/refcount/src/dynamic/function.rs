//! [`Function`]: a native function that keeps its library loaded.

use std::fmt;
use std::sync::Arc;

mod sealed {
    /// Only function pointers: `Library::function` reads them out of an address.
    pub trait Sealed: Copy {}
}

/// The function pointer types a [`Function`] can hold: `unsafe extern "C" fn`s of
/// up to eight arguments.
pub trait FnPtr: sealed::Sealed + Send + Sync + 'static {}

/// A function of a loaded library. It keeps the library loaded for as long as it
/// lives, and never gives its pointer out: the only way to use it is
/// [`call`](Function::call), so no copy of the pointer can outlive the library.
pub struct Function<F: FnPtr> {
    ptr: F,
    name: Arc<str>,
    _library: Arc<libloading::Library>,
}

impl<F: FnPtr> Function<F> {
    pub(crate) fn new(ptr: F, name: &str, library: Arc<libloading::Library>) -> Self {
        Function {
            ptr,
            name: Arc::from(name),
            _library: library,
        }
    }

    /// The symbol's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl<F: FnPtr> Clone for Function<F> {
    fn clone(&self) -> Self {
        Function {
            ptr: self.ptr,
            name: self.name.clone(),
            _library: self._library.clone(),
        }
    }
}

impl<F: FnPtr> fmt::Debug for Function<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Function({})", self.name)
    }
}

macro_rules! callable {
    ($($arg:ident: $ty:ident),*) => {
        impl<R: 'static, $($ty: 'static),*> sealed::Sealed for unsafe extern "C" fn($($ty),*) -> R {}
        impl<R: 'static, $($ty: 'static),*> FnPtr for unsafe extern "C" fn($($ty),*) -> R {}

        impl<R: 'static, $($ty: 'static),*> Function<unsafe extern "C" fn($($ty),*) -> R> {
            /// Calls the native function.
            ///
            /// # Safety
            ///
            /// The signature given when loading must be the function's real one, and
            /// the arguments must meet the native function's own requirements.
            #[inline]
            #[allow(clippy::too_many_arguments)]
            pub unsafe fn call(&self, $($arg: $ty),*) -> R {
                // SAFETY: the library is loaded while `self` holds it; the signature
                // and arguments are the caller's promise.
                unsafe { (self.ptr)($($arg),*) }
            }
        }
    };
}

callable!();
callable!(a: A);
callable!(a: A, b: B);
callable!(a: A, b: B, c: C);
callable!(a: A, b: B, c: C, d: D);
callable!(a: A, b: B, c: C, d: D, e: E);
callable!(a: A, b: B, c: C, d: D, e: E, f: G);
callable!(a: A, b: B, c: C, d: D, e: E, f: G, g: H);
callable!(a: A, b: B, c: C, d: D, e: E, f: G, g: H, h: I);
