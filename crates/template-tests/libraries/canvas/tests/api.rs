//! The API the kit generates from `canvas.hpp`, a header whose comments say nothing
//! a generator needs (who owns a returned pointer, what throws, which pointers are
//! written), used as its user would. Copied into the crate generated from the
//! header by the kit's tests (`the_wrapper` is replaced by the crate's name).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

use refcount::leak::LeakCheck;
use the_wrapper::{Canvas, Error};

/// The live counts are the library's, for the whole process: one test at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

#[test]
fn defaults_factories_out_parameters_and_c_strings() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let check = LeakCheck::start();
    let before = Canvas::live();

    // A constructor with defaults: the short form takes them, the other takes all.
    let canvas = Canvas::new()?;
    assert_eq!(canvas.size(), (100, 100), "out-parameters come back as a tuple");
    assert_eq!(Canvas::new_with_width(3, 4)?.size(), (3, 4));
    let err = Canvas::new_with_width(0, 1).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the C++ library failed: std::invalid_argument: a canvas needs a positive size"
    );
    // `create` is a factory by its name: the caller owns what it returns.
    let page = Canvas::create(210, 297).expect("a new canvas");
    assert_eq!(page.size(), (210, 297));

    assert_eq!(canvas.add(1.0), 1, "y and count take their defaults");
    assert_eq!(canvas.add_with_y(2.0, 3.0, 2), 3);
    assert_eq!(canvas.find(2.0, 3.0), (true, 1), "the value, then the out-parameter");
    assert!(!canvas.find(9.0, 9.0).0);

    assert_eq!(canvas.title(), None, "a null C string is None");
    canvas.set_title("sketch")?;
    assert_eq!(canvas.title().as_deref(), Some("sketch"));
    assert!(
        matches!(canvas.set_title("cut\0short"), Err(Error::Nul(_))),
        "a NUL is refused, not a title cut short"
    );
    assert_eq!(canvas.title().as_deref(), Some("sketch"));
    let copy = canvas.clone_().expect("a copy");
    assert_eq!(copy.title().as_deref(), Some("sketch"));

    assert_eq!(Canvas::live(), before + 3);
    drop((canvas, page, copy));
    assert_eq!(Canvas::live(), before);
    check.finish().expect("every handle is released");
    Ok(())
}

/// The text of a caught panic.
fn message(caught: Box<dyn std::any::Any + Send>) -> String {
    caught
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_else(|| "not a String".to_owned())
}

#[test]
fn an_exception_nobody_announced_is_a_panic_not_the_end_of_the_process() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let canvas = Canvas::new()?;
    let caught = catch_unwind(AssertUnwindSafe(|| canvas.kind_at(5))).unwrap_err();
    let text = message(caught);
    assert!(
        text.contains("`canvas::kind_at` threw std::out_of_range: no shape at that index"),
        "{text}"
    );
    // Not a `std::exception`: caught all the same, and named by its type.
    canvas.add_with_y(0.0, 0.0, 1001);
    let caught = catch_unwind(AssertUnwindSafe(|| canvas.validate())).unwrap_err();
    let text = message(caught);
    assert!(text.contains("`canvas::validate` threw int"), "{text}");
    assert_eq!(canvas.count(), 1001, "the canvas is still there, whole");
    assert_eq!(canvas.kind_at(4), 1);
    Ok(())
}
