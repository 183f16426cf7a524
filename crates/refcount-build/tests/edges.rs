//! Edges of the one-line forms and of the planner: inputs that once produced code
//! that did not compile, a panic, or a form that did not read back.

use refcount_build::model::{Base, CppType, Library, Scalar};
use refcount_build::{Class, Method, Plan, Wrapper};

fn wrapper(classes: &[&str], methods: &[&str]) -> Wrapper {
    Wrapper {
        language: Default::default(),
        statuses: Vec::new(),
        string_free: None,
        error_callback: None,
        inline: Vec::new(),
        inline_calls: Vec::new(),
        namespace: "acme".to_owned(),
        headers: vec!["acme.h".to_owned()],
        classes: classes
            .iter()
            .map(|c| c.parse::<Class>().unwrap())
            .collect(),
        methods: methods
            .iter()
            .map(|m| m.parse::<Method>().unwrap())
            .collect(),
        enums: Vec::new(),
        strings: Vec::new(),
        smart_pointers: Vec::new(),
        system_packages: Vec::new(),
        library: Library::PkgConfig {
            package: "acme".to_owned(),
        },
    }
}

#[test]
fn an_unnamed_parameter_of_a_class_named_like_a_keyword_gets_a_rust_name() {
    let plan = Plan::new(
        &wrapper(&["type=unique", "doc=unique new(type*)"], &[]),
        "x",
    )
    .unwrap();
    assert_eq!(plan.class("doc").unwrap().ctors[0].params[0].name, "type_");
}

#[test]
fn two_classes_of_one_snake_name_are_refused() {
    let err = Plan::new(&wrapper(&["dog=unique", "Dog as Hound=unique"], &[]), "x").unwrap_err();
    assert!(err.allowed.contains("would be named as `dog`'s"), "{err}");
}

#[test]
fn a_method_never_takes_a_constructors_name() {
    let plan = Plan::new(
        &wrapper(&["doc=unique new() new_page(int)"], &["doc.newPage()"]),
        "x",
    )
    .unwrap();
    let doc = plan.class("doc").unwrap();
    assert_ne!(doc.methods[0].rust, "new_page");
}

#[test]
fn a_class_whose_variable_is_twin_still_tests_its_clone() {
    let plan = Plan::new(&wrapper(&["twin=intrusive(a,b) new()"], &[]), "x").unwrap();
    let tests = refcount_build::generate::files(&plan, Default::default())
        .into_iter()
        .find(|f| f.name == "tests.rs")
        .unwrap();
    assert!(
        tests.text.contains("let twin_twin = twin.clone();"),
        "{}",
        tests.text
    );
}

#[test]
fn types_read_as_users_write_them_and_print_back() {
    let sized: CppType = "const size_t".parse().unwrap();
    assert_eq!(sized.base, Base::Scalar(Scalar::Usize, "size_t".into()));
    let params = refcount_build::model::parse_params("const size_t, const int32_t n").unwrap();
    assert_eq!(params[0].name, None);
    assert_eq!(params[1].name.as_deref(), Some("n"));
    let string: CppType = "const ::std::string&".parse().unwrap();
    assert_eq!(string.base, Base::StdString);
    assert!("volatile int*".parse::<CppType>().is_err());
    let many: String = format!("int{}", "*".repeat(300));
    assert!(many.parse::<CppType>().is_ok(), "no overflow panic");
}

#[test]
fn two_spellings_of_one_member_are_one_signature() {
    let a: Method = "shape.f(size_t n) const".parse().unwrap();
    let b: Method = "shape.f(std::size_t) const throws".parse().unwrap();
    assert_eq!(a.signature(), b.signature());
    let err = "shape.g() alias".parse::<Method>().unwrap_err();
    assert!(err.allowed.starts_with("`alias` is no qualifier"), "{err}");
    let renamed: Method = "shape.g() const as h".parse().unwrap();
    assert_eq!(renamed.rust.as_deref(), Some("h"));
}

#[test]
fn the_text_form_keeps_control_characters_readable() {
    let mut w = wrapper(&["shape=unique"], &[]);
    w.namespace = "acme".to_owned();
    w.headers = vec!["a\u{1}b.h".to_owned()];
    let text = w.to_toml(&[]);
    assert!(text.contains("\\u0001"), "{text}");
    assert_eq!(Wrapper::from_toml(&text).unwrap(), w);
}
