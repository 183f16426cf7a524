//! What the generated tests cannot do for `store` (every constructor takes a name or
//! a number, which they do not invent): stock items, fill a shelf counted in Rust and
//! close it, and number tickets. Written against the crate generated for
//! `store_answers`, and copied into it by the kit's tests (`the_wrapper` is replaced
//! by the crate's name).

use refcount::leak::LeakCheck;
use the_wrapper::{Error, Item, Shelf, Ticket};

#[test]
fn items_shelves_and_tickets_are_used_and_released() -> Result<(), Error> {
    let check = LeakCheck::start();
    let mut item = Item::new("test", 2)?;
    assert_eq!((item.name().as_str(), item.quantity()), ("test", 2));
    assert_eq!(item.sku(), 18007334074686647077, "above i64::MAX, read whole");
    item.restock(3);
    assert_eq!(item.quantity(), 5);
    assert_eq!(item.history(), [2, 5], "a std::vector<int>, copied into a Vec");
    let err = item.set_price(-1.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the C++ library failed: std::out_of_range: negative price"
    );
    assert!(Item::new("", 1).is_err(), "an empty name throws");
    assert_eq!(Item::live(), 1);
    drop(item);
    assert_eq!(Item::live(), 0);

    let shelf = Shelf::new("fruit")?;
    shelf.add("apple", 3)?;
    shelf.add("apricot", 4)?;
    shelf.add("banana", 5)?;
    assert_eq!(shelf.size()?, 3);
    assert_eq!(shelf.total("ap")?, 7);
    assert!(shelf.total("a\0p").is_err(), "a NUL in a C string is refused");
    assert!(shelf.close());
    assert!(shelf.size().is_err(), "a closed shelf is never used again");
    assert_eq!(Item::live(), 0, "closing the shelf freed its items");

    let ticket = Ticket::new(7)?;
    let twin = ticket.clone();
    assert_eq!((ticket.number(), twin), (7, ticket.clone()));
    drop(ticket);
    check.finish().expect("every handle is released");
    Ok(())
}
