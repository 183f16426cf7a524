//! cairo through the API generated from its installed `cairo/cairo.h` with nothing
//! answered (linked, or loaded at run time): surfaces and contexts that count
//! themselves, a context that keeps its surface, enums as their integer types with
//! their values as constants, and `cairo_status_t` as `Err` with cairo's message.

use refcount::leak::LeakCheck;
use the_wrapper::{CairoSurface, Error, CAIRO_FORMAT_ARGB32, CAIRO_FORMAT_RGB24};

#[test]
fn a_square_is_drawn_and_written_as_png() -> Result<(), Error> {
    let check = LeakCheck::start();
    let surface = CairoSurface::image_surface_create(CAIRO_FORMAT_ARGB32, 40, 30)?;
    assert_eq!(
        (surface.image_surface_get_width(), surface.image_surface_get_height()),
        (40, 30)
    );
    assert_eq!(surface.image_surface_get_format(), CAIRO_FORMAT_ARGB32);
    // `cairo_create` makes a context from the surface, which it keeps.
    let cr = surface.create()?;
    drop(surface);
    cr.set_source_rgb(1.0, 0.0, 0.0);
    cr.rectangle(5.0, 5.0, 10.0, 10.0);
    cr.fill();
    cr.status()?;
    let target = cr.get_target().expect("the context draws on a surface");
    // A borrowed surface gets a reference of its own, given back on drop.
    let count = target.get_reference_count();
    let again = cr.get_target().expect("the same surface");
    assert_eq!(again.get_reference_count(), count + 1);
    drop(again);
    assert_eq!(target.get_reference_count(), count);
    let path = std::env::temp_dir().join(format!("refcount-cairo-{}.png", std::process::id()));
    target.write_to_png(path.to_str().expect("a UTF-8 path"))?;
    let written = std::fs::read(&path).expect("the PNG is written");
    std::fs::remove_file(&path).ok();
    assert_eq!(&written[1..4], b"PNG");
    drop((cr, target));
    check.finish().expect("each surface and context released once");
    Ok(())
}

#[test]
fn a_failed_status_is_an_err_with_cairos_message() -> Result<(), Error> {
    // Checked too: the checks of one binary run one at a time, so this test's
    // surface never shows in the other's count.
    let check = LeakCheck::start();
    let surface = CairoSurface::image_surface_create(CAIRO_FORMAT_RGB24, 4, 4)?;
    match surface.write_to_png("/no/such/folder/x.png") {
        Err(Error::Status { function, message, .. }) => {
            assert_eq!(function, "cairo_surface_write_to_png");
            assert_eq!(message.as_deref(), Some("error while writing to output stream"));
        }
        other => panic!("not a status: {other:?}"),
    }
    drop(surface);
    check.finish().expect("the surface released once");
    Ok(())
}
