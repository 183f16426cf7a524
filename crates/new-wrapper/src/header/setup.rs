//! libclang, set up: loaded once at a time, given the include folders (the user's
//! and the system's), and the headers parsed as a user's code includes them.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use clang::{Clang, Entity, Index};

use super::{ReadError, Request};

/// libclang may be loaded by one `Clang` at a time in a process.
static LIBCLANG: Mutex<()> = Mutex::new(());

/// Whether libclang can be loaded on this machine.
pub fn libclang_available() -> bool {
    let _one = LIBCLANG.lock().unwrap_or_else(|e| e.into_inner());
    Clang::new().is_ok()
}

/// Parses `request`'s headers and runs `walk` over the translation unit's root, with
/// the headers' paths (canonical) and how long the parse took.
pub(super) fn with_unit<T>(
    request: &Request,
    c: bool,
    walk: impl FnOnce(Entity, &[PathBuf], Duration) -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    let _one = LIBCLANG.lock().unwrap_or_else(|e| e.into_inner());
    let clang = Clang::new().map_err(ReadError::NoLibclang)?;
    let index = Index::new(&clang, false, false);

    // A one-line source that includes the headers: parsing a header as the main file
    // warns about `#pragma once`, and this is how a user's code sees them.
    let scratch = tempfile::Builder::new()
        .prefix("new-wrapper-")
        .suffix(if c { ".c" } else { ".cpp" })
        .tempfile()
        .map_err(|e| ReadError::Refused(format!("cannot write a scratch file: {e}")))?;
    let source: String = request
        .headers
        .iter()
        .map(|header| format!("#include \"{header}\"\n"))
        .collect();
    std::fs::write(scratch.path(), source)
        .map_err(|e| ReadError::Refused(format!("cannot write a scratch file: {e}")))?;
    let (language, standard) = if c {
        ("c", "-std=c11")
    } else {
        ("c++", "-std=c++17")
    };
    let mut arguments = vec![
        "-x".to_owned(),
        language.to_owned(),
        standard.to_owned(),
        // Every comment is a doc comment: many libraries document with `//`.
        "-fparse-all-comments".to_owned(),
    ];
    arguments.extend(
        request
            .include_dirs
            .iter()
            .map(|dir| format!("-I{}", dir.display())),
    );
    let system = system_include_dirs(c);
    arguments.extend(
        system
            .iter()
            .map(|dir| format!("-isystem{}", dir.display())),
    );

    let start = Instant::now();
    let unit = index
        .parser(scratch.path())
        .arguments(&arguments)
        .skip_function_bodies(true)
        // A C header's status codes are macros (`SQLITE_OK`).
        .detailed_preprocessing_record(c)
        .parse()
        .map_err(|e| ReadError::Diagnostics(vec![e.to_string()]))?;
    let parse_time = start.elapsed();
    let errors: Vec<String> = unit
        .get_diagnostics()
        .iter()
        .filter(|d| d.get_severity() >= clang::diagnostic::Severity::Error)
        .map(|d| d.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(ReadError::Diagnostics(errors));
    }
    // Each header where the compiler found it: the `-I` folders first, then the
    // system's (a package's headers may be in `/usr/include` itself).
    let folders: Vec<&PathBuf> = request.include_dirs.iter().chain(&system).collect();
    let headers = request
        .headers
        .iter()
        .map(|header| {
            folders
                .iter()
                .map(|dir| dir.join(header))
                .find(|path| path.is_file())
                .and_then(|path| path.canonicalize().ok())
                .ok_or_else(|| {
                    let looked: Vec<String> = folders
                        .iter()
                        .map(|dir| dir.display().to_string())
                        .collect();
                    ReadError::Refused(format!(
                        "the header `{header}` is in none of the include folders; looked in: {}",
                        looked.join(", ")
                    ))
                })
        })
        .collect::<Result<Vec<PathBuf>, ReadError>>()?;
    walk(unit.get_entity(), &headers, parse_time)
}

/// The system's C++ include folders, as the compiler reports them: libclang, loaded
/// on its own, may not find the standard library's headers.
fn system_include_dirs(c: bool) -> Vec<PathBuf> {
    let (variable, compiler, language) = if c {
        ("CC", "cc", "c")
    } else {
        ("CXX", "c++", "c++")
    };
    let compiler = std::env::var(variable).unwrap_or_else(|_| compiler.to_owned());
    let Ok(output) = std::process::Command::new(compiler)
        .args(["-x", language, "-E", "-v", "-"])
        .stdin(std::process::Stdio::null())
        .output()
    else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&output.stderr);
    text.lines()
        .skip_while(|line| !line.starts_with("#include <...> search starts here:"))
        .skip(1)
        .take_while(|line| line.starts_with(' '))
        .map(|line| PathBuf::from(line.trim()))
        .collect()
}
