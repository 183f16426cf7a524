//! jsoncpp through the crate generated from its installed headers with one command
//! (`new-wrapper json-wrapper --pkg-config jsoncpp --header json/json.h`), no answer
//! given. Copied into that crate by the kit's tests (`the_wrapper` is replaced by its
//! name), and run under valgrind by `ci/valgrind.sh`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

use refcount::leak::LeakCheck;
use the_wrapper::{Error, FastWriter, Reader, Value, ValueType};

/// Leak counts are for the whole process: one test at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const TEXT: &str = r#"{"name": "tea", "price": 4, "fresh": true, "tags": ["green", "loose"]}"#;

#[test]
fn a_document_is_parsed_walked_changed_and_written_back() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let check = LeakCheck::start();
    let mut reader = Reader::new()?;
    let mut root = Value::new()?;
    assert!(reader.parse(TEXT, &mut root), "the text parses");
    assert_eq!(root.type_(), ValueType::ObjectValue);

    // Members and elements are views of the root, borrowed from it.
    assert_eq!(root.index_str("name").as_string(), "tea");
    assert_eq!(root.index_str("price").as_int(), 4);
    assert!(root.index_str("fresh").as_bool());
    let tags = root.find("tags").expect("a member called tags");
    assert_eq!(tags.size(), 2);
    assert_eq!(tags.index(1).as_string(), "loose");
    assert!(root.find("colour").is_none(), "no such member");
    assert_eq!(root.get_member_names(), ["fresh", "name", "price", "tags"]);

    // A change needs the root mutably: no view of it is alive meanwhile.
    let (japan, spring) = (Value::new_str("Japan")?, Value::new_str("spring")?);
    root.index_str_mut("origin").copy(&japan);
    root.index_str_mut("tags").append(&spring);
    let written = FastWriter::new()?.write(&root);
    assert!(written.contains(r#""origin":"Japan""#), "{written}");
    assert!(written.contains(r#"["green","loose","spring"]"#), "{written}");

    // Written out and read again, the document is the same.
    let mut again = Value::new()?;
    assert!(reader.parse(&written, &mut again));
    assert_eq!(FastWriter::new()?.write(&again), written);
    drop((reader, root, again, japan, spring));
    check.finish().expect("every handle is released");
    Ok(())
}

#[test]
fn a_type_mismatch_is_a_panic_that_names_the_exception_not_an_abort() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut reader = Reader::new()?;
    let mut root = Value::new()?;
    assert!(reader.parse(TEXT, &mut root));
    let name = root.index_str("name");
    let caught = catch_unwind(AssertUnwindSafe(|| name.as_int())).unwrap_err();
    let text = caught.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(text.contains("`Value::asInt` threw Json::LogicError"), "{text}");
    assert_eq!(name.as_string(), "tea", "the value is still there, whole");
    Ok(())
}
