
/// What the borrow checker refuses of the views a canvas lends: appended to the
/// crate generated from `canvas.hpp` by the kit's tests, whose `cargo test --doc`
/// runs each block. A view is borrowed from its owner:
///
/// ```
/// # use the_wrapper::*;
/// let mut canvas = Canvas::new()?;
/// canvas.add_layer("sky")?;
/// canvas.add_layer("ground")?.expect("a layer").rename("earth")?;
/// let sky = canvas.layer_at(0).expect("a layer");
/// let earth = canvas.layer_at(1).expect("a layer");
/// assert_eq!((sky.name().as_deref(), earth.depth()), (Some("sky"), 1));
/// assert_eq!(earth.name().as_deref(), Some("earth"));
/// # Ok::<(), Error>(())
/// ```
///
/// It cannot outlive its owner:
///
/// ```compile_fail,E0505
/// # use the_wrapper::*;
/// let mut canvas = Canvas::new()?;
/// canvas.add_layer("sky")?;
/// let sky = canvas.layer_at(0).expect("a layer");
/// drop(canvas); // frees the layer
/// sky.depth();
/// # Ok::<(), Error>(())
/// ```
///
/// A non-const member of the owner, which may free it, waits until the view is no
/// longer used:
///
/// ```compile_fail,E0502
/// # use the_wrapper::*;
/// let mut canvas = Canvas::new()?;
/// canvas.add_layer("sky")?;
/// let sky = canvas.layer_at(0).expect("a layer");
/// canvas.clear_layers(); // frees the layer
/// sky.depth();
/// # Ok::<(), Error>(())
/// ```
///
/// A const member lends a shared view, which cannot change the layer:
///
/// ```compile_fail,E0596
/// # use the_wrapper::*;
/// let mut canvas = Canvas::new()?;
/// canvas.add_layer("sky")?;
/// let sky = canvas.layer_at(0).expect("a layer");
/// sky.rename("air")?;
/// # Ok::<(), Error>(())
/// ```
///
/// A mutable view is exclusive: no second one, nor a shared one, meanwhile:
///
/// ```compile_fail,E0499
/// # use the_wrapper::*;
/// let mut canvas = Canvas::new()?;
/// let sky = canvas.add_layer("sky")?.expect("a layer");
/// let top = canvas.top_layer().expect("a layer");
/// sky.rename("air")?;
/// top.depth();
/// # Ok::<(), Error>(())
/// ```
///
/// An object a canvas makes (`make_cursor`) is the caller's, but reads the canvas:
/// it is `Tied` to the canvas's borrow, so it cannot outlive the canvas,
///
/// ```compile_fail,E0505
/// # use the_wrapper::*;
/// let canvas = Canvas::new()?;
/// let mut cursor = canvas.make_cursor().expect("a cursor");
/// drop(canvas); // the cursor would read a freed canvas
/// cursor.advance();
/// # Ok::<(), Error>(())
/// ```
///
/// nor see it change under it:
///
/// ```compile_fail,E0502
/// # use the_wrapper::*;
/// let mut canvas = Canvas::new()?;
/// let mut cursor = canvas.make_cursor().expect("a cursor");
/// canvas.add(1.0);
/// cursor.advance();
/// # Ok::<(), Error>(())
/// ```
///
/// and nothing takes it out of the tie (it derefs to its view, not to itself):
///
/// ```compile_fail,E0308
/// # use the_wrapper::*;
/// let canvas = Canvas::new()?;
/// let mut cursor = canvas.make_cursor().expect("a cursor");
/// let free: Cursor = std::mem::replace(&mut *cursor, todo!()); // a `CursorRef`
/// # Ok::<(), Error>(())
/// ```
///
/// A canvas held by a `std::shared_ptr` is shared with whoever else holds it: it
/// lends only its const members.
///
/// ```compile_fail,E0596
/// # use the_wrapper::*;
/// let mut shared = Canvas::shared(3).expect("a canvas");
/// shared.add(1.0);
/// # Ok::<(), Error>(())
/// ```
pub mod lifetimes {}
