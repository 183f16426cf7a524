//! jansson through the API generated from its installed `jansson.h` (linked, or
//! loaded at run time): objects and arrays built with the stealing and the
//! borrowing setters, read back, dumped and parsed again, with the native reference
//! counts checked at each step. Its counts live in inline functions of the header,
//! reached through the crate's C shim.

use refcount::leak::LeakCheck;
use the_wrapper::{Error, Json};

/// The native count, read from the struct `jansson.h` declares public
/// (`typedef struct json_t { json_type type; volatile size_t refcount; } json_t;`).
fn count(json: &Json) -> usize {
    #[repr(C)]
    struct Header {
        kind: std::ffi::c_int,
        refcount: usize,
    }
    // SAFETY: a live `json_t` starts with this header, and `json` keeps it alive.
    unsafe { std::ptr::read_volatile(&(*json.as_ptr().cast::<Header>()).refcount) }
}

/// `JSON_COMPACT | JSON_SORT_KEYS`.
const COMPACT_SORTED: usize = 0x20 | 0x80;

#[test]
fn objects_and_arrays_hold_exact_counts() -> Result<(), Error> {
    let check = LeakCheck::start();
    let object = Json::object()?;
    let name = Json::string("rex")?;
    assert_eq!(count(&name), 1);
    // The borrowing setter adds the object's own reference.
    object.object_set("name", &name)?;
    assert_eq!(count(&name), 2);
    // The stealing one takes ours.
    object.object_set_new("age", Json::integer(3)?)?;
    let age = object.object_get("age")?.expect("set above");
    assert_eq!(count(&age), 2, "the object's and ours");
    assert_eq!(age.integer_value(), 3);
    let tags = Json::array()?;
    tags.array_append_new(Json::string("good")?)?;
    tags.array_append(&name)?;
    assert_eq!(count(&name), 3);
    object.object_set_new("tags", tags.clone())?;
    assert_eq!(count(&tags), 2);
    assert_eq!(object.object_size(), 3);
    assert_eq!(
        tags.array_get(0).and_then(|t| t.string_value()).as_deref(),
        Some("good")
    );
    assert!(tags.array_get(5).is_none());
    assert!(object.object_get("missing")?.is_none());
    drop((object, age, tags));
    assert_eq!(count(&name), 1, "the object and the array gave theirs back");
    drop(name);
    check.finish().expect("every json_t released once");
    Ok(())
}

#[test]
fn a_dump_parses_back_to_the_same_text() -> Result<(), Error> {
    let check = LeakCheck::start();
    let object = Json::object()?;
    object.object_set_new("b", Json::integer(2)?)?;
    object.object_set_new("a", Json::string("x")?)?;
    // The string `json_dumps` allocates is copied, then freed once (valgrind checks).
    let text = object.dumps(COMPACT_SORTED).expect("a dump");
    assert_eq!(text, r#"{"a":"x","b":2}"#);
    let parsed = Json::loads(&text, 0)?;
    assert_eq!(count(&parsed), 1);
    assert_eq!(parsed.dumps(COMPACT_SORTED).as_deref(), Some(text.as_str()));
    assert!(
        matches!(Json::loads("{not json", 0), Err(Error::Handle(_))),
        "a parse error gives no object"
    );
    drop((object, parsed));
    check.finish().expect("nothing leaked");
    Ok(())
}
