//! What the generated tests cannot do for `geo` (its constructors take numbers, which
//! they do not invent): make shapes, measure, rename, scale and copy them. Written
//! against the crate generated for `geo_answers`, and copied into it by the kit's
//! tests (`the_wrapper` is replaced by the crate's name).

use refcount::leak::LeakCheck;
use the_wrapper::{Error, Shape};

#[test]
fn shapes_are_made_measured_scaled_copied_and_released() -> Result<(), Error> {
    let check = LeakCheck::start();
    let before = Shape::live();
    let square = Shape::new(2.0)?;
    assert_eq!(square.area(), 4.0);
    let rect = Shape::new_rect(2.0, 3.0)?;
    assert_eq!(rect.area(), 6.0);
    assert!(!rect.same_size(&square));
    let err = Shape::new_rect(-1.0, 1.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the C++ library failed: std::invalid_argument: negative side"
    );

    square.rename("box");
    assert_eq!(square.name(), "box");
    assert!(square.scale(-1.0).is_err(), "a negative factor throws");
    assert_eq!(square.area(), 4.0, "a throwing scale changes nothing");
    square.scale(0.5)?;
    assert_eq!(square.area(), 1.0);

    let copy = square.scaled_copy(3.0).expect("a copy");
    assert_eq!((copy.area(), copy.name().as_str()), (9.0, "box"));
    assert_eq!(copy.use_count(), 1, "the copy's one reference is the handle's");
    let twin = copy.clone();
    assert_eq!(copy.use_count(), 2);
    drop(twin);

    assert_eq!(Shape::live(), before + 3);
    drop((square, rect, copy));
    assert_eq!(Shape::live(), before);
    check.finish().expect("every handle is released");
    Ok(())
}
