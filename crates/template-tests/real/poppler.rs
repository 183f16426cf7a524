//! poppler-cpp through the crate generated from its installed headers with one
//! command and one answer, its string class (`new-wrapper poppler-wrapper
//! --pkg-config poppler-cpp --header poppler-document.h --header poppler-page.h
//! --string-class 'poppler::ustring : to_utf8 / from_utf8'`). Copied into that crate
//! by the kit's tests (`the_wrapper` is replaced by its name), and run under valgrind
//! by `ci/valgrind.sh`.

use std::sync::Mutex;

use refcount::leak::LeakCheck;
use the_wrapper::{Document, DocumentPageModeEnum, Error};

/// Leak counts are for the whole process: one test at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// What the page says.
const SAID: &str = "Hello refcount";

/// A one-page PDF 1.5 written here, byte by byte: its title (`Thé`, in UTF-16 as
/// PDF writes text strings), a page that opens with the outline shown, and one line
/// of text in a standard font.
fn pdf() -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 20 50 Td ({SAID}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R /PageMode /UseOutlines >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        "<< /Title <FEFF0054006800E9> /Producer (refcount) >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

/// What every loaded copy of the document says: its pages, version, page mode,
/// title (through `poppler::ustring`) and the text of its page, which the document
/// makes (`create_page`) and which is tied to it.
fn read_back(document: &Document) {
    assert!(!document.is_locked());
    assert_eq!(document.pages(), 1);
    assert_eq!(document.get_pdf_version(), (1, 5), "out-parameters");
    assert_eq!(document.page_mode(), DocumentPageModeEnum::UseOutlines);
    assert_eq!(document.get_title(), "Thé", "UTF-16 in the PDF, UTF-8 here");
    assert_eq!(document.get_producer(), "refcount");
    let page = document.create_page_index(0).expect("a first page");
    assert!(page.text().contains(SAID), "{:?}", page.text());
    assert!(document.create_page_index(1).is_none(), "no second page");
}

#[test]
fn a_pdf_is_read_from_a_file() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let check = LeakCheck::start();
    let path = std::env::temp_dir().join(format!("refcount-poppler-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf()).expect("the temporary folder is writable");
    let document = Document::load_from_file(path.to_str().expect("a UTF-8 path"))
        .expect("poppler reads the PDF");
    read_back(&document);
    drop(document);
    std::fs::remove_file(&path).expect("the file is there");
    assert!(
        Document::load_from_file(path.to_str().expect("a UTF-8 path")).is_none(),
        "no file, no document"
    );
    check.finish().expect("every handle is released");
}

#[test]
fn a_pdf_is_read_from_bytes_that_outlive_the_document() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let check = LeakCheck::start();
    let bytes = pdf();
    // SAFETY: poppler reads `bytes` for as long as the document lives (the reader
    // marks the buffer `kept`); `bytes` is declared first, so it drops last, and
    // nothing changes it.
    let document = unsafe { Document::load_from_raw_data(&bytes) }?.expect("poppler reads it");
    read_back(&document);
    drop(document);
    // Not a PDF: no document, and no crash.
    let junk = b"not a pdf at all".to_vec();
    // SAFETY: as above; no document is made.
    assert!(unsafe { Document::load_from_raw_data(&junk) }?.is_none());
    check.finish().expect("every handle is released");
    Ok(())
}

#[test]
fn a_title_set_through_the_string_class_reads_back() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let check = LeakCheck::start();
    let bytes = pdf();
    // SAFETY: `bytes` outlives the document and does not change.
    let mut document = unsafe { Document::load_from_raw_data(&bytes) }
        .expect("a length that fits")
        .expect("poppler reads it");
    assert!(document.set_title("Carnet ✓"));
    assert_eq!(document.get_title(), "Carnet ✓", "UTF-8 there and back");
    drop(document);
    check.finish().expect("every handle is released");
}
