//! Handles compare and hash as what they hold, and print as the native pointer: two
//! handles are equal when they hold the same native object (`Counted` handles: when
//! they are clones, since a closed one no longer holds its object).

/// Implements `PartialEq`, `Eq`, `Hash` and `fmt::Pointer` for a handle type from the
/// pointer that `$ptr` reads out of it (and prints, unless `shows` says otherwise).
macro_rules! by_pointer {
    ($handle:ident<$($lt:lifetime,)? T: $bound:ident>, |$h:ident| $ptr:expr) => {
        crate::identity::by_pointer!($handle<$($lt,)? T: $bound>, |$h| $ptr, shows $ptr);
    };
    ($handle:ident<$($lt:lifetime,)? T: $bound:ident>, |$h:ident| $ptr:expr, shows $shown:expr) => {
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
                let shown = |$h: &Self| $shown;
                core::fmt::Pointer::fmt(&shown(self), f)
            }
        }
    };
}

pub(crate) use by_pointer;
