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

/// The math library's file copied to `dir` under each of `names`.
fn copies_of_libm(dir: &std::path::Path, names: &[&str]) {
    let real = fs::read(libm().path()).unwrap();
    for name in names {
        fs::write(dir.join(name), &real).unwrap();
    }
}

fn load_copied(search: Search) -> std::path::PathBuf {
    // SAFETY: copies of the math library.
    let lib = unsafe { search.exe_dir(false).system(false).load() }.unwrap();
    lib.path().to_owned()
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn a_pinned_major_version_takes_its_soname_first_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copies_of_libm(
        d,
        &[
            "libcopied.so",
            "libcopied.so.2.11800.0",
            "libcopied.so.2",
            "libcopied.so.2.1",
            "libcopied.so.3",
        ],
    );
    let pinned = || Search::new("copied").dir(d).version(2);
    assert_eq!(load_copied(pinned()), d.join("libcopied.so.2"));
    fs::remove_file(d.join("libcopied.so.2")).unwrap();
    assert_eq!(
        load_copied(pinned()),
        d.join("libcopied.so.2.11800.0"),
        "then the highest full version of the same major"
    );
    assert_eq!(
        load_copied(Search::new("copied").dir(d)),
        d.join("libcopied.so"),
        "unpinned, the unversioned name comes first"
    );
    fs::remove_file(d.join("libcopied.so")).unwrap();
    assert_eq!(
        load_copied(Search::new("copied").dir(d)),
        d.join("libcopied.so.3")
    );

    for file in ["libcopied.so.2.11800.0", "libcopied.so.2.1"] {
        fs::remove_file(d.join(file)).unwrap();
    }
    let message = not_found(&pinned().exe_dir(false).system(false));
    assert_eq!(
        message,
        format!(
            "could not load the native library `copied`; tried:\n  - {}: not found (nor \
             libcopied.so.2 or libcopied.so.2.*)",
            d.join("libcopied.so").display()
        ),
        "version 3 is never taken for version 2"
    );
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn a_folder_named_twice_is_tried_once() {
    let exe_dir = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    let same = exe_dir.join("..").join(exe_dir.file_name().unwrap());
    let message = not_found(
        &Search::new("refcount_missing")
            .dir(&exe_dir)
            .dir(same)
            .system(false),
    );
    assert_eq!(
        message.lines().count(),
        2,
        "the folder given twice and the executable's folder are one place:\n{message}"
    );
}

/// Builds a shared library from C source with the system's C compiler.
fn build_c_library(dir: &std::path::Path, name: &str, source: &str) -> std::path::PathBuf {
    let c = dir.join(format!("{name}.c"));
    fs::write(&c, source).unwrap();
    let lib = dir.join(file_name(name));
    let status = std::process::Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
        .args(["-shared", "-fPIC", "-o"])
        .arg(&lib)
        .arg(&c)
        .status()
        .expect("a C compiler");
    assert!(status.success(), "building {name} failed");
    lib
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn a_symbol_at_the_null_address_is_an_error_never_a_function() {
    let dir = tempfile::tempdir().unwrap();
    // An `ifunc` whose resolver chooses no implementation: the symbol exists, and the
    // loader resolves it to address 0.
    let path = build_c_library(
        dir.path(),
        "nullsym",
        "static void (*choose(void))(void) { return 0; }\n\
         void nothing(void) __attribute__((ifunc(\"choose\")));\n\
         int answer(void) { return 42; }\n",
    );
    // SAFETY: a library with no initialisers.
    let lib = unsafe { Library::open(&path) }.unwrap();
    // SAFETY: the signature is right; the null address is refused before any call.
    let err = unsafe { lib.function::<unsafe extern "C" fn()>("nothing") }.unwrap_err();
    assert_eq!(
        err,
        Error::NullSymbol {
            library: path.display().to_string(),
            symbol: "nothing".into()
        }
    );
    assert_eq!(
        err.to_string(),
        format!(
            "the library `{}` has a symbol `nothing`, but its address is null",
            path.display()
        )
    );
    // SAFETY: as above.
    assert!(unsafe { lib.optional_function::<unsafe extern "C" fn()>("nothing") }.is_none());
    // SAFETY: `answer` has this signature.
    let answer = unsafe { lib.function::<unsafe extern "C" fn() -> i32>("answer") }.unwrap();
    // SAFETY: takes no argument.
    assert_eq!(unsafe { answer.call() }, 42);
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot load libraries")]
fn a_pinned_address_outlives_its_library() {
    // A copy of libm of its own, which would be unmapped when its last count went.
    let dir = tempfile::tempdir().unwrap();
    copies_of_libm(dir.path(), &["libpinned.so"]);
    // SAFETY: libm's initialisers are sound to run.
    let lib = unsafe { Search::new("pinned").dir(dir.path()).system(false).load() }.unwrap();
    let address = lib.pinned_address("cos").unwrap();
    assert!(matches!(
        lib.pinned_address("no_such_symbol"),
        Err(refcount::Error::SymbolNotFound { .. })
    ));
    drop(lib);
    // SAFETY: `cos` has this signature, and its library is never unloaded now.
    let cos: Cos = unsafe { std::mem::transmute(address.as_ptr()) };
    // SAFETY: `cos` is defined for every f64.
    assert_eq!(unsafe { cos(0.0) }, 1.0);
}
