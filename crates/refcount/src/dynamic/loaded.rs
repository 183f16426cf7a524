//! [`Loaded`]: a library's API, loaded once into a `static`, for the handles' releases.

use std::fmt;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::OnceLock;

use crate::Result;

/// A library's API (a struct of [`Function`](super::Function)s), loaded on first use
/// into a `static` and kept loaded for the rest of the program. Its methods take
/// `&'static self`: a `Loaded` that could move would leave its loaded API behind.
///
/// # Why a static
///
/// A handle's release is [`Native::release`](crate::Native::release): it gets the
/// pointer and nothing else, so the release of an object of a loaded library must
/// find the library's `release` function in a static. If a handle could exist before
/// that static is filled, or after it is emptied, its drop would have nothing to
/// call. `Loaded` is never emptied, and [`loaded`](Loaded::loaded) is what a
/// `release` reads: it can only be `None` if a handle was made without going
/// through [`get`](Loaded::get), so a wrapper crate keeps its marker types private
/// and makes every handle from a pointer that a function of `get()`'s API returned.
///
/// ```no_run
/// use refcount::dynamic::{Function, Loaded, Search};
///
/// pub struct Api {
///     cos: Function<unsafe extern "C" fn(f64) -> f64>,
/// }
///
/// fn load() -> refcount::Result<Api> {
///     // SAFETY: the math library's initialisers are sound; `cos` has this signature.
///     unsafe {
///         let lib = Search::new("m").version(6).load()?;
///         Ok(Api { cos: lib.function("cos")? })
///     }
/// }
///
/// static API: Loaded<Api> = Loaded::new(load);
///
/// # fn main() -> refcount::Result<()> {
/// let api = API.get()?; // loads on the first call
/// // SAFETY: `cos` is defined for every `f64`.
/// assert_eq!(unsafe { api.cos.call(0.0) }, 1.0);
/// # Ok(()) }
/// ```
pub struct Loaded<A> {
    cell: OnceLock<Result<A>>,
    /// The loaded API, once there is one: what `loaded` reads, one load and one test
    /// on every release.
    api: AtomicPtr<A>,
    load: fn() -> Result<A>,
}

impl<A> Loaded<A> {
    /// An API that `load` loads on first use.
    pub const fn new(load: fn() -> Result<A>) -> Self {
        Loaded {
            cell: OnceLock::new(),
            api: AtomicPtr::new(ptr::null_mut()),
            load,
        }
    }

    /// The API, loaded on the first call. A failed load is not retried: every call
    /// returns the same error (the library's files do not change while it runs).
    #[inline]
    pub fn get(&'static self) -> Result<&'static A> {
        match self.loaded() {
            Some(api) => Ok(api),
            None => self.load_once(),
        }
    }

    /// The first call of [`get`](Loaded::get) (or every one, after a failure).
    #[cold]
    #[inline(never)]
    fn load_once(&'static self) -> Result<&'static A> {
        let api = self
            .cell
            .get_or_init(self.load)
            .as_ref()
            .map_err(Clone::clone)?;
        self.api
            .store(ptr::from_ref(api).cast_mut(), Ordering::Release);
        Ok(api)
    }

    /// The API if it was loaded, without loading it.
    #[inline]
    pub fn loaded(&'static self) -> Option<&'static A> {
        let api = self.api.load(Ordering::Acquire);
        // SAFETY: a non-null pointer points into `cell`, which is filled once and
        // never emptied, in a `Loaded` that is never moved (it is `'static`: these
        // methods take `&'static self`, and the pointer is stored by them alone).
        unsafe { api.as_ref() }
    }
}

impl<A> Loaded<A> {
    /// The API, known to be loaded: for `Native::release` and `add_ref`, which run
    /// on every drop and clone of a handle and have no other way to the library.
    /// One load, no test.
    ///
    /// # Safety
    ///
    /// [`get`](Loaded::get) returned `Ok` before this call (and the caller saw it
    /// happen, as a thread holding a handle made after it does). Keep the marker
    /// types of the loaded library private, and make every handle from a pointer that
    /// a function of `get()`'s API returned: then each `release` keeps this contract.
    #[inline]
    pub unsafe fn loaded_unchecked(&'static self) -> &'static A {
        let api = self.api.load(Ordering::Acquire);
        debug_assert!(
            !api.is_null(),
            "a handle of a library that was never loaded"
        );
        // SAFETY: the caller promises `get` succeeded, which stored a pointer into
        // `cell`, filled once and never emptied, in a `Loaded` that never moves
        // (`'static`).
        unsafe { &*api }
    }
}

impl<A> fmt::Debug for Loaded<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.cell.get() {
            None => "not loaded",
            Some(Ok(_)) => "loaded",
            Some(Err(_)) => "failed to load",
        };
        write!(f, "Loaded({state})")
    }
}
