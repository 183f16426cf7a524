//! Finding and loading shared libraries, with the system's math library as the subject.
#![cfg(target_os = "linux")]

use std::fs;

use refcount::dynamic::{file_name, Function, Library, Search};
use refcount::Error;

type Cos = unsafe extern "C" fn(f64) -> f64;

fn libm() -> Library {
    // SAFETY: the C math library has no initialisers to fear.
    unsafe { Search::new("m").load() }.expect("the system's libm")
}

fn not_found(search: &Search) -> String {
    // SAFETY: nothing is found, so nothing is loaded.
    let err = unsafe { search.load() }.unwrap_err();
    assert!(matches!(err, Error::LibraryNotFound { .. }), "{err}");
    err.to_string()
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn a_missing_library_lists_every_place_tried() {
    let dir = tempfile::tempdir().unwrap();
    let message = not_found(
        &Search::new("refcount_missing")
            .env_var("REFCOUNT_TEST_UNSET_VAR")
            .dir(dir.path()),
    );
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(
        lines[0],
        "could not load the native library `refcount_missing`; tried:"
    );
    assert_eq!(lines[1], "  - $REFCOUNT_TEST_UNSET_VAR: not set");
    assert_eq!(
        lines[2],
        format!(
            "  - {}: not found (nor any versioned librefcount_missing.so.N)",
            dir.path().join("librefcount_missing.so").display()
        )
    );
    let exe_dir = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    assert!(
        lines[3].contains(&exe_dir.display().to_string()),
        "{message}"
    );
    assert!(
        message.contains("system loader (librefcount_missing.so): failed to load:"),
        "{message}"
    );
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn an_env_var_naming_a_missing_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing.so");
    std::env::set_var("REFCOUNT_TEST_MISSING_FILE", &missing);
    let message = not_found(
        &Search::new("nothing")
            .env_var("REFCOUNT_TEST_MISSING_FILE")
            .exe_dir(false)
            .system(false),
    );
    assert_eq!(
        message,
        format!(
            "could not load the native library `nothing`; tried:\n  - $REFCOUNT_TEST_MISSING_FILE = {}: no such file or folder",
            missing.display()
        )
    );
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn a_file_that_is_not_a_library_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join(file_name("fake"));
    fs::write(&fake, "not an ELF file").unwrap();
    let message = not_found(
        &Search::new("fake")
            .dir(dir.path())
            .exe_dir(false)
            .system(false),
    );
    assert!(
        message.contains(&format!("{}: failed to load:", fake.display())),
        "{message}"
    );
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn versioned_sonames_are_found_newest_first() {
    let real = fs::read(libm().path()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for version in ["2", "10", "9.1"] {
        fs::write(dir.path().join(format!("libcopied.so.{version}")), &real).unwrap();
    }
    fs::write(dir.path().join("libcopied.so.x"), "not a version").unwrap();
    // SAFETY: copies of the math library.
    let lib = unsafe {
        Search::new("copied")
            .dir(dir.path())
            .exe_dir(false)
            .system(false)
            .load()
    }
    .unwrap();
    assert_eq!(lib.path(), dir.path().join("libcopied.so.10"));

    std::env::set_var("REFCOUNT_TEST_DIR", dir.path());
    // SAFETY: as above.
    let lib = unsafe {
        Search::new("copied")
            .env_var("REFCOUNT_TEST_DIR")
            .exe_dir(false)
            .system(false)
            .load()
    }
    .unwrap();
    assert_eq!(lib.path(), dir.path().join("libcopied.so.10"));
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn the_system_loader_and_system_folders_find_libm() {
    let lib = libm();
    assert!(lib.path().to_string_lossy().contains("libm.so"), "{lib:?}");
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn functions_keep_their_library_loaded() {
    let lib = libm();
    // SAFETY: `cos` has this signature.
    let cos: Function<Cos> = unsafe { lib.function("cos") }.unwrap();
    assert_eq!(cos.name(), "cos");
    let twin = cos.clone();
    drop(lib);
    // SAFETY: `cos` is defined for every f64; the function holds its library.
    assert_eq!(unsafe { cos.call(0.0) }, 1.0);
    drop(cos);
    // SAFETY: as above.
    assert_eq!(unsafe { twin.call(std::f64::consts::PI) }, -1.0);
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn a_missing_symbol_names_the_library_and_the_symbol() {
    let lib = libm();
    // SAFETY: the symbol does not exist, so nothing is called.
    let err = unsafe { lib.function::<Cos>("no_such_symbol") }.unwrap_err();
    let message = err.to_string();
    let prefix = format!(
        "the library `{}` has no symbol `no_such_symbol`: ",
        lib.path().display()
    );
    assert!(message.starts_with(&prefix), "{message}");
    // SAFETY: as above.
    assert!(unsafe { lib.optional_function::<Cos>("no_such_symbol") }.is_none());
    // SAFETY: `cos` has this signature.
    assert!(unsafe { lib.optional_function::<Cos>("cos") }.is_some());
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn opening_a_path_that_fails_is_one_attempt() {
    // SAFETY: nothing is there to load.
    let err = unsafe { Library::open("/nonexistent/libnothing.so") }.unwrap_err();
    assert!(err.to_string().starts_with(
        "could not load the native library `/nonexistent/libnothing.so`; tried:\n  - /nonexistent/libnothing.so: failed to load:"
    ), "{err}");
}
