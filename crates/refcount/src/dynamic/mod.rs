//! Shared libraries found and loaded at run time, whose functions cannot outlive them.
//!
//! # The dangers
//!
//! Loading a library runs its initialisers, and a symbol is only a name: nothing
//! checks that the function behind it has the signature you declare. Both stay
//! `unsafe`, as in `libloading`. What this module takes off your hands:
//!
//! - **Calling into an unloaded library.** `libloading`'s `Symbol` borrows its
//!   library, but the function pointer copied out of it does not, and a call through
//!   it after the library is closed jumps into unmapped memory. Here a
//!   [`Function`] holds the library itself (an `Arc`): the library is unloaded only
//!   when the [`Library`] and every `Function` taken from it are gone, and the
//!   pointer is never handed out, only called.
//! - **Not finding the library.** [`Search`] looks for a short name in the places
//!   users expect (an environment variable, folders you name, the executable's folder,
//!   `LD_LIBRARY_PATH`/`PATH`, the system loader, versioned sonames such as
//!   `libfoo.so.4`) and, when it fails, says every place it tried and why.
//! - **Missing symbols.** [`Library::function`] names the library and the symbol;
//!   [`Library::optional_function`] gives `None` for symbols that only newer
//!   versions of a library have.
//!
//! ```no_run
//! use refcount::dynamic::{Function, Search};
//!
//! struct Libm {
//!     cos: Function<unsafe extern "C" fn(f64) -> f64>,
//! }
//!
//! # fn main() -> refcount::Result<()> {
//! // SAFETY: the math library's initialisers are sound to run.
//! let lib = unsafe { Search::new("m").load() }?;
//! // SAFETY: `cos` has this signature in C.
//! let libm = Libm { cos: unsafe { lib.function("cos") }? };
//! drop(lib); // still loaded: `libm.cos` holds it
//! // SAFETY: `cos` is defined for every `f64`.
//! assert_eq!(unsafe { libm.cos.call(0.0) }, 1.0);
//! # Ok(()) }
//! ```

mod function;
mod library;
mod loaded;
mod search;

pub use function::{FnPtr, Function};
pub use library::Library;
pub use loaded::Loaded;
pub use search::{file_name, Attempt, Search};
