//! The API the kit generates from `canvas.hpp`, a header whose comments say nothing
//! a generator needs (who owns a returned pointer, what throws, which pointers are
//! written), used as its user would. Copied into the crate generated from the
//! header by the kit's tests (`the_wrapper` is replaced by the crate's name).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

use refcount::leak::LeakCheck;
use the_wrapper::{Canvas, CanvasMode, Color, Error};

/// The live counts are the library's, for the whole process: one test at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

#[test]
fn defaults_factories_out_parameters_and_c_strings() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let check = LeakCheck::start();
    let before = Canvas::live();

    // A constructor with defaults: the short form takes them, the other takes all.
    let mut canvas = Canvas::new()?;
    assert_eq!(canvas.size(), (100, 100), "out-parameters come back as a tuple");
    assert_eq!(Canvas::new_with_width(3, 4)?.size(), (3, 4));
    let err = Canvas::new_with_width(0, 1).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the C++ library failed: std::invalid_argument: a canvas needs a positive size"
    );
    // A `std::unique_ptr` hands its object over.
    let square = Canvas::square(5).expect("a new canvas");
    assert_eq!(square.size(), (5, 5));
    drop(square);
    // `create` is a factory by its name: the caller owns what it returns.
    let page = Canvas::create(210, 297).expect("a new canvas");
    assert_eq!(page.size(), (210, 297));

    assert_eq!(canvas.add(1.0), 1, "y and count take their defaults");
    assert_eq!(canvas.add_with_y(2.0, 3.0, 2), 3);
    assert_eq!(canvas.find(2.0, 3.0), (true, 1), "the value, then the out-parameter");
    canvas.shift(&[10.0, 20.0]);
    assert_eq!(canvas.xs(), [11.0, 22.0, 12.0], "a slice in, a std::vector<double> out");
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

#[test]
fn enums_cross_as_rust_values_checked_against_the_cpp_ones() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut canvas = Canvas::new()?;
    assert_eq!(canvas.background(), Color::White);
    canvas.set_background(Color::Blue);
    assert_eq!(canvas.background(), Color::Blue);
    assert_eq!(canvas.background().repr, 4, "the C++ value, in its underlying type");
    // A nested enum, named after its class; a default that is one of its values.
    assert_eq!(canvas.draw_mode(), CanvasMode::Outline);
    canvas.set_draw_mode();
    assert_eq!(canvas.draw_mode(), CanvasMode::Filled);
    canvas.set_draw_mode_with_m(CanvasMode::Hidden);
    assert_eq!(canvas.draw_mode().repr, -1);
    // C++ may hold a value no variant names: it comes back as it is.
    canvas.set_background(Color { repr: 9 });
    let name = match canvas.background() {
        Color::Red | Color::Green | Color::Blue | Color::White => "named",
        _ => "unnamed",
    };
    assert_eq!(name, "unnamed");
    Ok(())
}

#[test]
fn a_canvas_lends_its_layers_and_frees_them_itself() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let check = LeakCheck::start();
    let before = Canvas::live_layers();
    let mut canvas = Canvas::new()?;
    let sky = canvas.add_layer("sky")?.expect("a new layer");
    sky.rename("air")?;
    assert_eq!(sky.name().as_deref(), Some("air"));
    canvas.add_layer("ground")?;
    assert_eq!(canvas.layers(), 2);
    assert_eq!(canvas.layer_names(), ["air", "ground"], "a std::vector<std::string>");
    let top = canvas.top_layer().expect("a layer");
    assert_eq!((top.depth(), top.name().as_deref()), (1, Some("ground")));
    assert!(canvas.layer_at(2).is_none(), "null is None");
    assert_eq!(Canvas::live_layers(), before + 2);
    canvas.clear_layers();
    assert_eq!(Canvas::live_layers(), before, "the canvas freed its layers");
    canvas.add_layer("last")?;
    drop(canvas);
    assert_eq!(Canvas::live_layers(), before, "and with it, the last one");
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
    let mut canvas = Canvas::new()?;
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

#[test]
fn a_cursor_the_canvas_makes_is_tied_to_it() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let check = LeakCheck::start();
    let mut canvas = Canvas::new()?;
    canvas.add_with_y(1.0, 0.0, 1);
    canvas.add_with_y(2.0, 0.0, 1);
    // The cursor is the caller's (released when it drops), and it reads the canvas
    // it was made by: `Tied` to the borrow of the canvas.
    let mut cursor: refcount::Tied<'_, the_wrapper::Cursor> =
        canvas.make_cursor().expect("a new cursor");
    let mut xs = Vec::new();
    while cursor.advance() {
        xs.push(cursor.x());
    }
    assert_eq!(xs, [1.0, 2.0]);
    assert_eq!(canvas.count(), 2, "const members of the canvas while it lives");
    drop(cursor);
    canvas.add(3.0);
    drop(canvas);
    check.finish().expect("every handle is released");
    Ok(())
}

#[test]
fn a_shared_canvas_lives_while_any_holder_does() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let before = Canvas::live();
    // A `std::shared_ptr<canvas>`: cxx's `SharedPtr` holds the share.
    let shared: the_wrapper::CanvasShared = Canvas::shared(3).expect("a canvas");
    let other = shared.clone();
    assert_eq!(other.size(), (3, 3), "const members, through `&CanvasRef`");
    assert_eq!(Canvas::live(), before + 1, "one canvas, two holders");
    drop(shared);
    assert_eq!(other.count(), 0, "the other holder keeps it alive");
    drop(other);
    assert_eq!(Canvas::live(), before, "released with its last holder");
    Ok(())
}
