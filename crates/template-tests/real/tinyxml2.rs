//! tinyxml2 through the crate generated from its installed header with one command
//! (`new-wrapper xml-wrapper --pkg-config tinyxml2 --header tinyxml2.h`), no answer
//! given: every step of a small program in safe Rust. Copied into that crate by the
//! kit's tests (`the_wrapper` is replaced by its name), and run under valgrind by
//! `ci/valgrind.sh`.

use refcount::leak::LeakCheck;
use the_wrapper::{Error, XmlDocument, XmlError, XmlPrinter};

#[test]
fn a_document_is_parsed_walked_changed_and_printed() -> Result<(), Error> {
    let check = LeakCheck::start();
    let mut doc = XmlDocument::new()?;
    let text = r#"<shop open="1"><item n="5">tea</item><item n="7"/></shop>"#;
    assert_eq!(doc.parse(text)?, XmlError::XmlSuccess);
    let shop = doc.root_element().expect("a root");
    assert_eq!(shop.name().as_deref(), Some("shop"));
    // An element is a node: its view converts to the base's, as C++ converts it.
    assert_eq!(shop.as_xml_node().value().as_deref(), Some("shop"));
    assert_eq!(shop.int_attribute("open")?, 1);
    let tea = shop.first_child_element_with_name("item")?.expect("an item");
    assert_eq!(tea.get_text().as_deref(), Some("tea"));
    let second = tea.next_sibling_element().expect("a second item");
    assert_eq!(second.int_attribute("n")?, 7);
    assert_eq!(second.get_text(), None);
    // A change needs the document mutably: no view of it is alive meanwhile.
    let shop = doc.root_element_mut().expect("a root");
    shop.set_attribute_name_value("open", 0)?;
    let mut printer = XmlPrinter::new()?;
    doc.print_with_streamer(&mut printer);
    let printed = printer.c_str().expect("the printed text");
    assert!(printed.starts_with(r#"<shop open="0">"#), "{printed}");
    assert_ne!(doc.parse("<unclosed>")?, XmlError::XmlSuccess);
    drop((doc, printer));
    check.finish().expect("every handle is released");
    Ok(())
}
