//! Handles compare, hash and print as the native pointer they hold: two handles are
//! equal when they hold the same native object.

/// Implements `PartialEq`, `Eq`, `Hash` and `fmt::Pointer` for a handle type from the
/// native pointer that `$ptr` reads out of it.
macro_rules! by_pointer {
    ($handle:ident<$($lt:lifetime,)? T: $bound:ident>, |$h:ident| $ptr:expr) => {
        impl<$($lt,)? T: $bound> PartialEq for $handle<$($lt,)? T> {
            fn eq(&self, other: &Self) -> bool {
                let ptr = |$h: &Self| $ptr;
                ptr(self) == ptr(other)
            }
        }

        impl<$($lt,)? T: $bound> Eq for $handle<$($lt,)? T> {}

        impl<$($lt,)? T: $bound> core::hash::Hash for $handle<$($lt,)? T> {
            fn hash<S: core::hash::Hasher>(&self, state: &mut S) {
                let ptr = |$h: &Self| $ptr;
                ptr(self).hash(state);
            }
        }

        impl<$($lt,)? T: $bound> core::fmt::Pointer for $handle<$($lt,)? T> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let ptr = |$h: &Self| $ptr;
                core::fmt::Pointer::fmt(&ptr(self), f)
            }
        }
    };
}

pub(crate) use by_pointer;
