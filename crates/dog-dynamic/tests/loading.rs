//! A missing library, or one without the C API, is an error that says why and where.

use dog_dynamic::search;
use refcount::dynamic::Search;

// ANCHOR: missing
#[test]
fn a_missing_library_lists_every_place_tried() {
    std::env::remove_var("TESTNATIVE_LIBRARY_MISSING");
    let search = Search::new("testnative_missing").env_var("TESTNATIVE_LIBRARY_MISSING");
    // SAFETY: nothing is found, so nothing is loaded.
    let err = unsafe { search.load() }.unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with("could not load the native library `testnative_missing`; tried:\n"));
    assert!(
        message.contains("  - $TESTNATIVE_LIBRARY_MISSING: not set\n"),
        "{message}"
    );
    assert!(
        message.contains("not found (nor any versioned libtestnative_missing.so.N)"),
        "{message}"
    );
    assert!(
        message.contains("system loader (libtestnative_missing.so): failed to load:"),
        "{message}"
    );
}
// ANCHOR_END: missing

#[test]
fn the_library_is_found_through_the_environment_variable() {
    // SAFETY: the sample library's initialisers only set up its counters.
    let lib = unsafe { search().load() }.unwrap();
    std::env::set_var("TESTNATIVE_LIBRARY_FOR_TEST", lib.path());
    let by_env = Search::new("testnative")
        .env_var("TESTNATIVE_LIBRARY_FOR_TEST")
        .exe_dir(false)
        .system(false);
    // SAFETY: as above.
    let found = unsafe { by_env.load() }.unwrap();
    assert_eq!(found.path(), lib.path());
}
