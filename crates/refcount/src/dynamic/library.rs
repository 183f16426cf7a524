//! [`Library`]: a loaded shared library.

use std::ffi::{c_void, OsStr};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Attempt, FnPtr, Function};
use crate::{Error, Result};

/// A loaded shared library. Unloaded when it and every [`Function`] taken from it
/// are dropped.
#[derive(Clone)]
pub struct Library {
    inner: Arc<libloading::Library>,
    path: PathBuf,
}

impl Library {
    /// Loads the library at `path` (a file path, or a file name for the system loader).
    ///
    /// Prefer [`Search`](super::Search), which says where it looked when it fails.
    ///
    /// # Safety
    ///
    /// Loading runs the library's initialisers, which can do anything.
    pub unsafe fn open(path: impl AsRef<OsStr>) -> Result<Self> {
        let path = PathBuf::from(path.as_ref());
        // SAFETY: the caller accepts the library's initialisers.
        unsafe { Self::try_open(&path) }.map_err(|outcome| Error::LibraryNotFound {
            name: path.display().to_string(),
            tried: vec![Attempt {
                place: path.display().to_string(),
                outcome,
            }],
        })
    }

    /// Loads `path`, or says why not.
    ///
    /// # Safety
    ///
    /// As for [`open`](Library::open).
    pub(crate) unsafe fn try_open(path: &Path) -> Result<Self, String> {
        // SAFETY: the caller accepts the library's initialisers.
        match unsafe { libloading::Library::new(path) } {
            Ok(inner) => Ok(Library {
                inner: Arc::new(inner),
                path: path.to_owned(),
            }),
            Err(err) => Err(format!("failed to load: {}", source_chain(&err))),
        }
    }

    /// Where the library was loaded from, as it was given to the loader.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Looks up the function `symbol`, with the signature `F`.
    ///
    /// Fails with [`Error::SymbolNotFound`], naming the library and the symbol, and
    /// with [`Error::NullSymbol`] when the symbol exists but its address is null (an
    /// unresolved weak symbol, an `ifunc` that chose nothing): a function pointer is
    /// never null.
    ///
    /// # Safety
    ///
    /// `F` must be the function's real signature: nothing can check it.
    pub unsafe fn function<F: FnPtr>(&self, symbol: &str) -> Result<Function<F>> {
        let address = self.address(symbol)?.as_ptr();
        const { assert!(std::mem::size_of::<F>() == std::mem::size_of::<*mut c_void>()) };
        // SAFETY: `FnPtr` types are `extern "C"` function pointers, the size of an
        // address on every platform libloading supports; the address is not null, and
        // the signature is the caller's promise. The `Function` keeps the library loaded.
        let ptr = unsafe { std::mem::transmute_copy::<*mut c_void, F>(&address) };
        Ok(Function::new(ptr, symbol, self.inner.clone()))
    }

    /// The address of `symbol`, valid for the rest of the program: the library is
    /// never unloaded once this is called (its count is given up on purpose).
    ///
    /// # The danger
    ///
    /// This is the one place a raw address leaves this module. It is for C code
    /// that calls into the library by itself, such as a shim of the header's
    /// `static inline` functions whose calls are redirected through a pointer the
    /// program sets once the library is loaded. Pinning makes the address outlive
    /// every [`Library`] and [`Function`]; what it points to, and the signature
    /// whoever calls it assumes, stay the caller's to get right.
    ///
    /// Fails as [`function`](Library::function) does: a missing symbol or a null
    /// address.
    pub fn pinned_address(&self, symbol: &str) -> Result<std::ptr::NonNull<c_void>> {
        let address = self.address(symbol)?;
        // The library stays loaded for the program's life: the count leaked here is
        // never given back.
        std::mem::forget(self.inner.clone());
        Ok(address)
    }

    /// The address of `symbol`, not null, or why there is none.
    fn address(&self, symbol: &str) -> Result<std::ptr::NonNull<c_void>> {
        // SAFETY: read as a plain address, which any symbol has; it is not called here.
        let address = match unsafe { self.inner.get::<*mut c_void>(symbol.as_bytes()) } {
            Ok(found) => *found,
            Err(err) => {
                return Err(Error::SymbolNotFound {
                    library: self.path.display().to_string(),
                    symbol: symbol.to_owned(),
                    reason: source_chain(&err),
                })
            }
        };
        std::ptr::NonNull::new(address).ok_or_else(|| Error::NullSymbol {
            library: self.path.display().to_string(),
            symbol: symbol.to_owned(),
        })
    }

    /// Looks up a function that not every version of the library has: `None` when
    /// the symbol is missing or its address is null.
    ///
    /// # Safety
    ///
    /// As for [`function`](Library::function).
    pub unsafe fn optional_function<F: FnPtr>(&self, symbol: &str) -> Option<Function<F>> {
        // SAFETY: passed on to the caller.
        unsafe { self.function(symbol) }.ok()
    }
}

impl fmt::Debug for Library {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Library({})", self.path.display())
    }
}

/// `libloading`'s message, with the system loader's own reason (kept as its source).
fn source_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}
