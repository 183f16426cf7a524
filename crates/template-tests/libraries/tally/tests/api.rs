//! The API generated for `tally` from its header alone, used as its header says:
//! a book opened through an out-parameter and a status, counters that count
//! themselves, a borrowed counter retained, and a setter that steals.

use the_wrapper::{take_error, Error, TallyBook, TallyCounter, TALLY_OK};

// ANCHOR: book
#[test]
fn a_book_holds_counters_and_a_stolen_one_is_never_released_twice() -> Result<(), Error> {
    assert_eq!(TALLY_OK, 0);
    let book = TallyBook::open("dogs")?;
    assert_eq!(book.name().as_deref(), Some("dogs"));
    let walks = TallyCounter::new()?;
    walks.add(2);
    let kept = walks.clone();
    assert_eq!(kept.refs(), 2);
    // The book steals one reference: the one `walks` held.
    book.put("walks", walks)?;
    assert_eq!(kept.refs(), 2, "ours and the book's");
    let found = book.get("walks")?.expect("filed above");
    assert_eq!((found.value(), found.refs()), (2, 3));
    found.add(1);
    assert_eq!(kept.value(), 3, "the same counter");
    assert!(book.get("naps")?.is_none());
    drop(found);
    drop(book);
    assert_eq!(kept.refs(), 1, "the book gave its reference back");
    Ok(())
}
// ANCHOR_END: book

#[test]
fn a_failed_status_is_an_err_with_the_librarys_message() -> Result<(), Error> {
    match TallyBook::open("") {
        Err(Error::Status { function, code, message }) => {
            assert_eq!(function, "tally_book_open");
            assert_eq!(code, 1);
            assert_eq!(message.as_deref(), Some("a book needs a name"));
        }
        other => panic!("not a status: {other:?}"),
    }
    let book = TallyBook::open("full")?;
    for key in ["a", "b", "c", "d"] {
        book.put(key, TallyCounter::new()?)?;
    }
    let last = TallyCounter::new()?;
    let probe = last.clone();
    let err = book.put("e", last).unwrap_err();
    assert_eq!(err.to_string(), "`tally_book_put` failed (2): the book is full");
    // Stolen even when it fails: only our clone is left.
    assert_eq!((probe.refs(), book.size()), (1, 4));
    Ok(())
}

// ANCHOR: reported
#[test]
fn a_null_the_library_explains_is_an_err_with_its_reason() -> Result<(), Error> {
    let ten = TallyCounter::parse("10")?;
    assert_eq!((ten.value(), ten.refs()), (10, 1));
    match TallyCounter::parse("ten") {
        Err(Error::Reported(message)) => assert_eq!(message, "not a number: \"ten\""),
        other => panic!("not the library's reason: {other:?}"),
    }
    assert_eq!(take_error(), None, "the reason went to the `Err`, once");
    Ok(())
}
// ANCHOR_END: reported
