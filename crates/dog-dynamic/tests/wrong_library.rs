//! A library without the C API: every use says which symbol is missing.
//!
//! A test binary of its own, because the API is loaded once per process.

use dog_dynamic::{api, Dog, Error};
use refcount::dynamic::Search;

#[test]
fn a_library_without_the_api_names_the_missing_symbol_every_time() {
    // SAFETY: the math library has no initialisers to fear.
    let libm = unsafe { Search::new("m").load() }.unwrap();
    std::env::set_var("TESTNATIVE_LIBRARY", libm.path());

    let err = api().unwrap_err();
    assert!(
        matches!(&err, refcount::Error::SymbolNotFound { symbol, .. } if symbol == "add_reference"),
        "{err}"
    );
    assert!(
        err.to_string().contains("has no symbol `add_reference`"),
        "{err}"
    );
    let Err(Error::Handle(again)) = Dog::new() else {
        panic!("no dog without the library")
    };
    assert_eq!(again, err, "the same error, without loading again");
    assert!(
        dog_dynamic::extras().is_err(),
        "nor the hand-written functions"
    );
    assert!(Dog::num_dogs().is_err());
}
