//! Reading headers with libclang: the classes, their ownership, their constructors
//! and methods, and what is left out. The headers are the kit's test libraries and
//! its sample, none written for this reader in particular.

mod common;

use std::path::PathBuf;

use common::kit_root;
use new_wrapper::header::{read, Found, ReadError, Request};

fn library(name: &str) -> PathBuf {
    kit_root()
        .join("crates/template-tests/libraries")
        .join(name)
        .join("include")
}

fn read_one(include_dir: PathBuf, header: &str) -> Result<Found, ReadError> {
    read(&Request {
        headers: vec![header.to_owned()],
        include_dirs: vec![include_dir],
        ..Request::default()
    })
}

/// The methods of `class`, as `wrapper.toml` writes them (without their docs).
fn methods_of(found: &Found, class: &str) -> Vec<String> {
    found
        .methods
        .iter()
        .filter(|m| m.class == class)
        .map(|m| m.code())
        .collect()
}

/// The classes, as `wrapper.toml` writes them (without their docs).
fn classes_of(found: &Found) -> Vec<String> {
    found.classes.iter().map(|c| c.code()).collect()
}

// ANCHOR: geo
#[test]
fn a_class_that_counts_itself_with_members_and_a_private_destructor() {
    let found = read_one(library("geo"), "geo/shape.hpp").unwrap();
    assert_eq!(found.namespace, "geo");
    assert_eq!(found.classes.len(), 1);
    assert!(
        found.classes[0].to_string().starts_with(
            "shape=intrusive(retain,release) new(double size) new_width_height(double width, \
             double height)  # A rectangle that counts its own references."
        ),
        "{}",
        found.classes[0]
    );
    assert_eq!(
        methods_of(&found, "shape"),
        [
            "shape.use_count() const noexcept -> int",
            "shape.area() const -> double",
            "shape.width() const -> double",
            "shape.is_square() const -> bool",
            "shape.corners() const -> int",
            "shape.scale(double factor) throws",
            "shape.scale(double fx, double fy) throws",
            "shape.name() const -> std::string",
            "shape.rename(const std::string& name)",
            "shape.describe(const std::string& prefix) const -> std::string",
            "shape.scaled_copy(double factor) const -> new shape*",
            "shape.self_ref() -> shape*",
            "shape.doubled() const -> geo::ref<shape>",
            "shape.same_size(const shape& other) const -> bool",
            "shape.id() const -> long long",
            "shape.live() static -> int",
            // Free functions that make a shape: a smart pointer's, a factory's name.
            "shape.square(double side) free -> geo::ref<shape>",
            "shape.make_rectangle(double width, double height) free -> new shape*",
        ]
    );
    // `geo::ref` has a public `get()` of a class that counts itself.
    assert_eq!(found.smart_pointers, ["geo::ref"]);
    assert_eq!(
        found.skipped,
        [
            "shape::retain(): the reference count, which the handles call",
            "shape::release(): the reference count, which the handles call",
            "shape::area_as(): a template",
            "shape::operator==(const geo::shape &): an operator",
        ]
    );
    assert!(
        found.parse_time.as_secs_f64() < 2.0,
        "parsing took {:?}",
        found.parse_time
    );
}
// ANCHOR_END: geo

#[test]
fn unique_destroyed_and_freely_counted_classes_are_told_apart() {
    let found = read_one(library("store"), "store/store.hpp").unwrap();
    assert_eq!(
        classes_of(&found),
        [
            "item=unique new(const std::string& name, int quantity)",
            "shelf=unique(store::close_shelf) new(const std::string& label)",
            "ticket=intrusive(store::ticket_ref,store::ticket_unref) new(int number)",
        ]
    );
    let shelf = methods_of(&found, "shelf");
    let has = |list: &[String], method: &str| list.iter().any(|m| m == method);
    assert!(has(
        &shelf,
        "shelf.take_out(const std::string& name) -> new item*"
    ));
    assert!(has(&shelf, "shelf.count(int min_quantity) const -> int"));
    // Lent, not handed over: a view tied to the borrow of the shelf.
    assert!(has(&shelf, "shelf.find(const std::string& name) -> item*"));
    assert!(has(&shelf, "shelf.total(const char* prefix) const -> int"));
    assert!(has(
        &methods_of(&found, "item"),
        "item.sku() const -> unsigned long"
    ));
    assert!(found.skipped.is_empty(), "{:?}", found.skipped);
    assert!(has(
        &methods_of(&found, "item"),
        "item.history() const -> std::vector<int>"
    ));
}

#[test]
fn the_samples_classes_inherit_their_count_from_a_base() {
    let found = read(&Request {
        headers: vec!["testnative/dog.hpp".into(), "testnative/owner.hpp".into()],
        include_dirs: vec![kit_root().join("native-cpp/include")],
        ..Request::default()
    })
    .unwrap();
    assert_eq!(found.namespace, "testnative");
    assert_eq!(
        classes_of(&found),
        [
            "dog=intrusive(add_ref,release) new()",
            "owner=intrusive(add_ref,release) new(dog* d)"
        ],
        "the base class, in another header, is not wrapped itself"
    );
    let dog = methods_of(&found, "dog");
    assert!(
        dog.iter()
            .any(|m| m == "dog.reference_count() const noexcept -> int"),
        "{dog:?}"
    );
    assert!(
        dog.iter().any(|m| m == "dog.num_dogs() static -> int"),
        "{dog:?}"
    );
    assert!(methods_of(&found, "owner")
        .iter()
        .any(|m| m == "owner.get_dog() const -> dog*"));
}

#[test]
fn answered_classes_win_and_only_they_are_wrapped() {
    let found = read(&Request {
        headers: vec!["store/store.hpp".into()],
        include_dirs: vec![library("store")],
        classes: vec![
            "shelf=counted(store::close_shelf) new(const std::string&)"
                .parse()
                .unwrap(),
            "item".parse().unwrap(),
        ],
        ..Request::default()
    })
    .unwrap();
    let classes = classes_of(&found);
    assert_eq!(
        classes[0],
        "shelf=counted(store::close_shelf) new(const std::string&)"
    );
    assert!(classes[1].starts_with("item=unique new("), "{classes:?}");
    assert!(methods_of(&found, "ticket").is_empty());

    let err = read(&Request {
        headers: vec!["store/store.hpp".into()],
        include_dirs: vec![library("store")],
        classes: vec!["basket=unique".parse().unwrap()],
        ..Request::default()
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"basket=unique\" is not a valid class (--class): the headers declare no class `basket` \
         in namespace `store` (they declare: item, shelf, ticket)"
    );
}

/// A scratch include folder holding one header.
fn scratch(header: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(header);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    dir
}

#[test]
fn a_class_with_no_way_to_release_it_is_a_view_rust_only_borrows() {
    let dir = scratch(
        "lock/lock.hpp",
        "#pragma once\nnamespace lock {\nclass guard {\npublic:\n    guard();\n    \
         void open();\nprivate:\n    ~guard();\n};\n}\n",
    );
    let found = read_one(dir.path().to_owned(), "lock/lock.hpp").unwrap();
    assert_eq!(
        classes_of(&found),
        ["guard=view"],
        "no constructor: Rust makes none"
    );
    assert_eq!(methods_of(&found, "guard"), ["guard.open()"]);
}

#[test]
fn a_header_that_does_not_compile_shows_the_compilers_diagnostic() {
    let dir = scratch(
        "broken/broken.hpp",
        "#pragma once\nnamespace broken {\nclass thing {\npublic:\n    int size() const\n};\n}\n",
    );
    let err = read_one(dir.path().to_owned(), "broken/broken.hpp").unwrap_err();
    let ReadError::Diagnostics(lines) = &err else {
        panic!("expected diagnostics, got {err}")
    };
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("broken/broken.hpp:5:21: error: expected ';' at end of declaration list"),
        "{lines:?}"
    );
    assert!(err
        .to_string()
        .starts_with("the headers do not compile:\n  "));
}

/// What a library installed on the system declares in `headers`, read as
/// `--pkg-config PACKAGE` reads it (`ci/libclang.sh` installs each).
fn installed(package: &str, headers: &[&str], strings: &[&str]) -> Found {
    read(&Request {
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        include_dirs: new_wrapper::options::pkg_config_include_dirs(package).unwrap(),
        strings: strings.iter().map(|s| s.parse().unwrap()).collect(),
        ..Request::default()
    })
    .unwrap()
}

/// The member `class.name(` as read, without its doc.
fn member<'a>(methods: &'a [String], start: &str) -> Vec<&'a String> {
    methods.iter().filter(|m| m.starts_with(start)).collect()
}

#[test]
fn pointers_a_library_may_keep_are_marked_kept_and_a_flag_to_keep_one_is_left_at_its_default() {
    // jsoncpp's `StaticString` and `Reader` hold `const char*` fields: what their
    // members are given as characters, they may keep.
    let json = installed("jsoncpp", &["json/json.h"], &[]);
    let reader = methods_of(&json, "Reader");
    assert_eq!(
        member(
            &reader,
            "Reader.parse(kept const char* beginDoc, kept const char* endDoc"
        )
        .len(),
        1,
        "{reader:?}"
    );
    assert!(
        member(&reader, "Reader.parse(const std::string& document").len() == 1,
        "a std::string is copied: {reader:?}"
    );
    assert!(classes_of(&json)
        .iter()
        .any(|c| c.starts_with("StaticString=unique new(kept const char* czstring)")));
    // Value copies what it is given: nothing of it is kept.
    assert!(!methods_of(&json, "Value")
        .iter()
        .any(|m| m.contains("kept")));
    // tinyxml2's `SetValue(const char*, bool staticMem = false)`: `staticMem = true`
    // would keep the pointer, so the flag stays at its default.
    let xml = installed("tinyxml2", &["tinyxml2.h"], &[]);
    let element = methods_of(&xml, "XMLElement");
    assert!(
        element.contains(&"XMLElement.SetName(const char* str)".to_owned()),
        "{element:?}"
    );
    assert!(!element.iter().any(|m| m.contains("staticMem")));
    assert!(xml.skipped.iter().any(|s| s.starts_with(
        "XMLElement::SetName(const char *, bool) with its defaulted arguments: the flag \
         `staticMem`"
    )));
}

#[test]
fn poppler_documents_come_from_factories_and_its_string_class_is_answered_once() {
    let found = installed(
        "poppler-cpp",
        &["poppler-document.h", "poppler-page.h"],
        &["poppler::ustring : to_utf8 / from_utf8"],
    );
    let document = methods_of(&found, "document");
    // The bytes a document is loaded from are read for as long as it lives.
    assert!(document.iter().any(|m| m.starts_with(
        "document.load_from_raw_data(kept const char* file_data, int file_data_length"
    )));
    assert!(document.iter().any(|m| m
        .starts_with("document.load_from_file(const std::string& file_name")
        && m.ends_with("static -> new document*")));
    assert!(document
        .contains(&"document.get_pdf_version(out int* major, out int* minor) const".to_owned()));
    assert!(document.contains(&"document.get_title() const -> poppler::ustring".to_owned()));
    assert!(document.contains(&"document.create_page(int index) const -> new page*".to_owned()));
    // `text(const rectf& = rectf())`: the rectangle is no type the kit knows, and
    // has a default, so the member is bound without it.
    assert!(
        methods_of(&found, "page").contains(&"page.text() const -> poppler::ustring".to_owned())
    );
    assert!(found
        .enums
        .iter()
        .any(|e| e.cpp == "document::page_mode_enum"));
}

#[test]
fn a_default_spelled_with_a_macro_is_read_as_the_header_writes_it() {
    let found = read_one(library("canvas"), "canvas/canvas.hpp").unwrap();
    let canvas = methods_of(&found, "canvas");
    assert!(
        canvas.contains(
            &"canvas.layers_named(const char* name = CANVAS_TEXT(\"layer\")) const -> int"
                .to_owned()
        ),
        "{canvas:?}"
    );
}

// ANCHOR: c_tally
#[test]
fn a_c_header_gives_opaque_types_ownership_statuses_and_stealing_setters() {
    let found = read_one(library("tally"), "tally/tally.h").unwrap();
    let c = found.c.as_ref().expect("a `.h` with no class is read as C");
    assert_eq!(found.namespace, "");
    assert_eq!(
        classes_of(&found),
        [
            "tally_counter_t=intrusive(tally_counter_ref,tally_counter_unref)",
            "tally_book_t=unique(tally_book_close)"
        ]
    );
    assert_eq!(
        c.statuses[0].to_string(),
        "tally_status : unsigned int ok(TALLY_OK = 0) message(tally_status_string(status))"
    );
    assert_eq!(
        methods_of(&found, "tally_book_t"),
        [
            "tally_book_t.tally_book_open(const char* name, out tally_book_t** book) static -> tally_status",
            "tally_book_t.tally_book_name() const -> const char*",
            "tally_book_t.tally_book_put(const char* key, steals tally_counter_t* counter) -> tally_status",
            "tally_book_t.tally_book_get(const char* key) const -> tally_counter_t*",
            "tally_book_t.tally_book_size() const -> size_t",
        ]
    );
    assert_eq!(
        methods_of(&found, "tally_counter_t")[0],
        "tally_counter_t.tally_counter_new() static -> new tally_counter_t*"
    );
    // The message function is the status's, not a method; the release is the handle's.
    assert!(!found
        .methods
        .iter()
        .any(|m| m.cpp == "tally_status_string" || m.cpp == "tally_book_close"));
    assert_eq!(c.error_callback.as_deref(), Some("tally_set_error_handler"));
    assert_eq!(
        found.skipped,
        [
            "tally_set_error_handler: the crate registers its error callback with it (error-callback)",
            "tally_live_counters: no type of its own (a function of none of the types)"
        ]
    );
}
// ANCHOR_END: c_tally

#[test]
fn a_c_header_read_as_cpp_is_refused_where_as_c_it_reads() {
    let dir = scratch(
        "lib.h",
        "typedef struct thing thing;\n/* Makes one. */\nthing* thing_new(int new);\nvoid thing_free(thing* t);\n",
    );
    // `new` names a parameter: no C++ compiler takes it, a C one does.
    let found = read_one(dir.path().to_owned(), "lib.h").unwrap();
    assert_eq!(classes_of(&found), ["thing=unique(thing_free)"]);
    assert_eq!(
        methods_of(&found, "thing"),
        ["thing.thing_new(int new) static -> new thing*"]
    );
}

#[test]
fn sqlite3s_statuses_families_and_null_parameters_are_read_from_its_comments() {
    let found = installed("sqlite3", &["sqlite3.h"], &[]);
    let c = found.c.as_ref().unwrap();
    assert_eq!(
        c.statuses[0].to_string(),
        "sqlite : int ok(SQLITE_OK = 0) message(sqlite3_errmsg(sqlite3))"
    );
    assert_eq!(c.string_free.as_deref(), Some("sqlite3_free"));
    let classes = classes_of(&found);
    // A statement is made from its database: the database is counted in Rust.
    assert!(
        classes.contains(&"sqlite3=counted(sqlite3_close)".to_owned()),
        "{classes:?}"
    );
    assert!(classes.contains(&"sqlite3_stmt=unique(sqlite3_finalize)".to_owned()));
    let db = methods_of(&found, "sqlite3");
    // The family's comment says `pzTail` may be NULL.
    assert!(db.contains(&"sqlite3.sqlite3_prepare_v2(const char* zSql, int nByte, out sqlite3_stmt** ppStmt, const char** pzTail = NULL) -> sqlite".to_owned()), "{db:?}");
    assert!(db.contains(
        &"sqlite3.sqlite3_open(const char* filename, out sqlite3** ppDb) static -> sqlite"
            .to_owned()
    ));
    // `sqlite3_close_v2` releases: no method, whose call would release twice.
    assert!(!db.iter().any(|m| m.contains("sqlite3_close")), "{db:?}");
    assert!(found
        .skipped
        .iter()
        .any(|s| s.starts_with("sqlite3_close_v2: releases its `sqlite3`")));
}

#[test]
fn janssons_count_is_in_inline_functions_and_cairos_status_is_an_enum() {
    let jansson = installed("jansson", &["jansson.h"], &[]);
    let c = jansson.c.as_ref().unwrap();
    assert_eq!(
        classes_of(&jansson),
        ["json_t=intrusive(json_incref,json_decref)"]
    );
    for inline in ["json_incref", "json_decref", "json_object_set"] {
        assert!(c.inline.contains(&inline.to_owned()), "{:?}", c.inline);
    }
    // What the inline bodies call, which a loaded crate reaches through pointers.
    for called in ["json_delete", "json_object_set_new"] {
        assert!(
            c.inline_calls.contains(&called.to_owned()),
            "{:?}",
            c.inline_calls
        );
    }
    let json = methods_of(&jansson, "json_t");
    assert!(json.contains(&"json_t.json_object_get(const char* key) const -> json_t*".to_owned()));
    assert!(json.contains(&"json_t.json_object() static -> new json_t*".to_owned()));
    let cairo = installed("cairo", &["cairo/cairo.h"], &[]);
    assert_eq!(
        cairo.c.as_ref().unwrap().statuses[0].to_string(),
        "cairo_status_t : unsigned int ok(CAIRO_STATUS_SUCCESS = 0) message(cairo_status_to_string(status))"
    );
    assert!(cairo.enums.iter().any(|e| e.cpp == "cairo_format_t"));
    assert!(
        classes_of(&cairo).contains(&"cairo_t=intrusive(cairo_reference,cairo_destroy)".to_owned())
    );
}

#[test]
fn an_error_callback_is_found_by_its_name_and_its_message_parameter() {
    // Only a function named for errors that takes a `void (*)(const char*)`, through
    // a typedef or not; the others are functions of no type.
    let dir = scratch(
        "lib.h",
        "typedef struct thing thing;\nthing* thing_new(void);\nvoid thing_free(thing* t);\n\
         void thing_set_progress(void (*progress)(const char* stage));\n\
         void thing_set_error_code_handler(void (*handler)(int code));\n\
         typedef void (*thing_error_fn)(const char* message);\n\
         void thing_on_error(thing_error_fn callback);\n",
    );
    let found = read_one(dir.path().to_owned(), "lib.h").unwrap();
    let c = found.c.as_ref().expect("read as C");
    assert_eq!(c.error_callback.as_deref(), Some("thing_on_error"));
    assert!(
        found.skipped.contains(
            &"thing_on_error: the crate registers its error callback with it (error-callback)"
                .to_owned()
        ),
        "{:?}",
        found.skipped
    );
    assert!(!found.methods.iter().any(|m| m.cpp == "thing_on_error"));
}

#[test]
fn a_handle_typedef_names_its_struct_and_camel_case_names_say_what_they_do() {
    // As libmagic (`typedef struct magic_set* magic_t`) and expat (`XML_ParserFree`,
    // unnamed `size_t` sizes) write them.
    let dir = scratch(
        "lib.h",
        "#include <stddef.h>\ntypedef struct TH_ThingStruct* TH_Thing;\nTH_Thing TH_ThingCreate(void);\n\
         void TH_ThingFree(TH_Thing thing);\n\
         const char* TH_ThingDescribe(TH_Thing thing, const void*, size_t);\n",
    );
    let found = read_one(dir.path().to_owned(), "lib.h").unwrap();
    // The struct is the type; the handle typedef gives its Rust name.
    assert_eq!(
        classes_of(&found),
        ["TH_ThingStruct as ThThing=unique(TH_ThingFree)"]
    );
    assert_eq!(
        methods_of(&found, "TH_ThingStruct"),
        [
            "TH_ThingStruct.TH_ThingCreate() static -> new TH_ThingStruct*",
            "TH_ThingStruct.TH_ThingDescribe(const void*, size_t) -> const char*",
        ]
    );
}
