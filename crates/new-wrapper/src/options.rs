//! What the command line asks for, turned into [`Answers`]: which library, whether
//! its headers are read (and what happens without libclang), and how the classes
//! and methods answered by hand merge with what the headers hold.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use refcount_build::model::{Language, Status, StringClass};
use refcount_build::Method;

use crate::header::{self, ClassRequest, Request};
use crate::{Answers, Error, Library, RefcountSource};

/// What the command line gives (`new-wrapper --help` describes each).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The crate name.
    pub name: String,
    /// The C++ namespace, if given.
    pub namespace: Option<String>,
    /// The headers to include and read.
    pub headers: Vec<String>,
    /// The classes asked for.
    pub classes: Vec<ClassRequest>,
    /// The methods answered by hand.
    pub methods: Vec<Method>,
    /// The library's own string classes.
    pub strings: Vec<StringClass>,
    /// The library's intrusive smart pointers.
    pub smart_pointers: Vec<String>,
    /// Do not read the headers.
    pub no_read: bool,
    /// A prebuilt library's folders and name.
    pub include_dir: Option<PathBuf>,
    /// The folder with the library's file.
    pub lib_dir: Option<PathBuf>,
    /// The library's name.
    pub lib_name: Option<String>,
    /// The library's pkg-config package.
    pub pkg_config: Option<String>,
    /// The system packages that provide the library (for the crate's CI).
    pub system_packages: Vec<String>,
    /// Where `refcount` and `refcount-build` come from; `None`: the template's default,
    /// the kit's version from crates.io. A path is taken as given: make it absolute,
    /// since the generated crate's build runs in its own folder.
    pub refcount: Option<RefcountSource>,
    /// Leave out the CI workflow.
    pub no_ci: bool,
    /// The headers' language, when not inferred.
    pub language: Option<Language>,
    /// Load the C library at run time instead of linking it.
    pub loaded: bool,
    /// The C library's status codes answered by hand (they win over those read).
    pub statuses: Vec<Status>,
    /// The function that frees the strings a C library returns, answered by hand.
    pub string_free: Option<String>,
}

/// What reading the headers reported, for the command's progress lines.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// A note for the user (libclang missing).
    pub notes: Vec<String>,
    /// How long the read took, and libclang's parse within it, when headers were read.
    pub read_time: Option<(Duration, Duration)>,
}

/// The answers `options` give, with what the headers hold when they are read.
pub fn answers(options: &Options) -> Result<(Answers, Report), Error> {
    let usage = |message: &str| Err(Error::Usage(message.to_owned()));
    let mut report = Report::default();
    let mut answers = Answers::defaults(&options.name);
    answers.ci = !options.no_ci;
    answers.system_packages = options.system_packages.clone();
    if let Some(source) = &options.refcount {
        answers.refcount = source.clone();
    }
    let include_dirs = match (
        &options.include_dir,
        &options.lib_dir,
        &options.lib_name,
        &options.pkg_config,
    ) {
        (Some(include_dir), Some(lib_dir), Some(lib_name), None) => {
            // The generated build script runs in the new crate's folder: no relative paths.
            let absolute = |dir: &PathBuf| std::path::absolute(dir).unwrap_or_else(|_| dir.clone());
            answers.library = Library::Existing {
                include_dir: absolute(include_dir),
                lib_name: lib_name.clone(),
                lib_dir: absolute(lib_dir),
            };
            vec![absolute(include_dir)]
        }
        (None, None, None, Some(package)) => {
            answers.library = Library::PkgConfig {
                package: package.clone(),
            };
            pkg_config_include_dirs(package)?
        }
        _ => Vec::new(),
    };
    let bundled = matches!(answers.library, Library::Bundled { .. });
    let by_hand =
        !(options.headers.is_empty() && options.classes.is_empty() && options.methods.is_empty());
    if bundled && by_hand {
        return usage(
            "--header, --class and --method describe a library of yours: give its folders \
             (--include-dir, --lib-dir, --lib-name) or --pkg-config",
        );
    }
    if !bundled && options.headers.is_empty() {
        return usage(
            "name the headers that declare the classes with --header (relative to the \
             include folder)",
        );
    }
    if let Some(namespace) = &options.namespace {
        answers.cpp_namespace = namespace.clone();
    }
    if bundled {
        return Ok((answers, report));
    }
    answers.headers = options.headers.clone();
    answers.strings = options.strings.clone();
    answers.smart_pointers = options.smart_pointers.clone();
    let given: Option<Vec<_>> = options
        .classes
        .iter()
        .map(|class| match class {
            ClassRequest::Given(class) => Some(class.clone()),
            ClassRequest::Named { .. } => None,
        })
        .collect();
    let answered = given.as_ref().filter(|given| !given.is_empty());
    if options.no_read || (answered.is_some() && !header::libclang_available()) {
        if !options.no_read {
            report.notes.push(format!(
                "libclang could not be loaded, so the headers are not read: only the methods \
                 given with --method are bound.\n{}",
                header::LIBCLANG_INSTALL
            ));
        }
        let Some(classes) = answered else {
            return usage(
                "without reading the headers, give each class with --class NAME=OWNERSHIP",
            );
        };
        if options.namespace.is_none() {
            return usage(
                "without reading the headers, give the classes' namespace with --namespace",
            );
        }
        answers.classes = classes.clone();
        answers.methods = options.methods.clone();
        return Ok((answers, report));
    }
    let request = Request {
        headers: options.headers.clone(),
        include_dirs,
        namespace: options.namespace.clone(),
        classes: options.classes.clone(),
        strings: options.strings.clone(),
        smart_pointers: options.smart_pointers.clone(),
        language: options.language,
    };
    let start = Instant::now();
    let found = header::read(&request).map_err(Error::Read)?;
    report.read_time = Some((start.elapsed(), found.parse_time));
    answers.cpp_namespace = found.namespace;
    answers.classes = found.classes;
    answers.methods = merge(found.methods, &options.methods);
    answers.enums = found.enums;
    answers.smart_pointers.extend(found.smart_pointers);
    answers.skipped = found.skipped;
    if let Some(c) = found.c {
        add_c(
            &mut answers,
            c,
            &options.statuses,
            options.string_free.clone(),
        );
        if options.loaded {
            answers.library = loaded(&answers.library, &request.include_dirs, &answers.headers)?;
        }
    } else if options.loaded {
        return usage("--loaded is for a C library: a C++ one is linked");
    }
    Ok((answers, report))
}

/// What reading a C library adds to `answers`: its language, its statuses (those
/// answered win over those read, by name), the function that frees its strings,
/// its inline functions, and the methods left out that the library file does not
/// export.
pub fn add_c(
    answers: &mut Answers,
    c: header::c::CFound,
    statuses: &[Status],
    string_free: Option<String>,
) {
    answers.language = Language::C;
    answers.statuses = statuses.to_vec();
    for status in c.statuses {
        if !answers.statuses.iter().any(|s| s.name == status.name) {
            answers.statuses.push(status);
        }
    }
    answers.string_free = string_free.or(c.string_free);
    answers.error_callback = c.error_callback;
    answers.inline = c.inline;
    answers.inline_calls = c.inline_calls;
    let library = match &answers.library {
        Library::Existing {
            lib_name, lib_dir, ..
        } => Some((lib_name.clone(), vec![lib_dir.clone()])),
        Library::PkgConfig { package } => pkg_config_library(package).ok(),
        _ => None,
    };
    if let Some((name, dirs)) = library {
        leave_out_unexported(
            &mut answers.methods,
            &mut answers.skipped,
            &answers.inline,
            &name,
            &dirs,
        );
    }
}

/// Leaves out of `methods` the functions that the library file `lib{name}.so` (in
/// `dirs` or the system's folders) does not export, as `skipped` entries: a header
/// may declare what the library was built without (sqlite3's snapshots, its
/// Windows functions). Nothing is left out when the file or `nm` cannot be found.
pub fn leave_out_unexported(
    methods: &mut Vec<Method>,
    skipped: &mut Vec<String>,
    inline: &[String],
    name: &str,
    dirs: &[PathBuf],
) {
    let Some((file, exported)) = exported_functions(name, dirs) else {
        return;
    };
    methods.retain(|m| {
        let there = inline.contains(&m.cpp) || exported.contains(&m.cpp);
        if !there {
            skipped.push(format!(
                "{}: declared, but {} does not export it",
                m.cpp,
                file.display()
            ));
        }
        there
    });
}

/// The library of `linked` (folders or pkg-config), loaded at run time instead: found
/// by its name, pinned to the major version of the file found at build time, with
/// the headers' folder for the shim of inline functions.
fn loaded(
    linked: &Library,
    include_dirs: &[PathBuf],
    headers: &[String],
) -> Result<Library, Error> {
    let (name, lib_dirs) =
        match linked {
            Library::Existing {
                lib_name, lib_dir, ..
            } => (lib_name.clone(), vec![lib_dir.clone()]),
            Library::PkgConfig { package } => pkg_config_library(package)?,
            _ => return Err(Error::Usage(
                "--loaded needs the library's name: give --pkg-config or --lib-dir and --lib-name"
                    .to_owned(),
            )),
        };
    // The folder the first header is in, among the include folders.
    let include_dir = include_dirs
        .iter()
        .find(|dir| headers.first().is_some_and(|h| dir.join(h).is_file()))
        .cloned()
        .or_else(|| {
            ["/usr/include", "/usr/local/include"]
                .iter()
                .map(PathBuf::from)
                .find(|dir| headers.first().is_some_and(|h| dir.join(h).is_file()))
        });
    Ok(Library::Loaded {
        version: major_version(&name, &lib_dirs),
        name,
        include_dir,
    })
}

/// The library file `lib{name}.so` and the functions it exports, as `nm -D` lists
/// them; `None` when either cannot be found.
fn exported_functions(
    name: &str,
    dirs: &[PathBuf],
) -> Option<(PathBuf, std::collections::BTreeSet<String>)> {
    let file = library_file(name, dirs)?;
    let output = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&file)
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    let symbols = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace().rev();
            let name = words.next()?;
            let kind = words.next()?;
            (kind == "T" || kind == "W" || kind == "i")
                .then(|| name.split('@').next().unwrap_or(name).to_owned())
        })
        .collect();
    Some((file, symbols))
}

/// `lib{name}.so` in `dirs` or the system's folders.
fn library_file(name: &str, dirs: &[PathBuf]) -> Option<PathBuf> {
    let system = [
        "/usr/lib/x86_64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu",
        "/usr/lib64",
        "/usr/lib",
        "/usr/local/lib",
    ];
    let file = format!("lib{name}.so");
    dirs.iter()
        .cloned()
        .chain(system.iter().map(PathBuf::from))
        .map(|dir| dir.join(&file))
        .find(|path| path.exists())
}

/// The major version of `lib{name}.so` in `dirs` (or the system's folders): the
/// number after `.so.` of the file it points to (`libsqlite3.so.0.8.6` gives 0).
fn major_version(name: &str, dirs: &[PathBuf]) -> Option<u64> {
    let file = format!("lib{name}.so");
    library_file(name, dirs)
        .and_then(|path| path.canonicalize().ok())
        .and_then(|real| {
            let real = real.file_name()?.to_string_lossy().into_owned();
            real.strip_prefix(&format!("{file}."))?
                .split('.')
                .next()?
                .parse()
                .ok()
        })
}

/// The library a pkg-config package links (its first `-l`) and its folders.
pub fn pkg_config_library(package: &str) -> Result<(String, Vec<PathBuf>), Error> {
    let output = Command::new("pkg-config")
        .args(["--libs", package])
        .output()
        .map_err(|e| Error::Usage(format!("cannot run pkg-config: {e}")))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let flags: Vec<&str> = text.split_whitespace().collect();
    let name = flags
        .iter()
        .find_map(|f| f.strip_prefix("-l"))
        .ok_or_else(|| Error::Usage(format!("pkg-config names no library for `{package}`")))?;
    let dirs = flags
        .iter()
        .filter_map(|f| f.strip_prefix("-L"))
        .map(PathBuf::from)
        .collect();
    Ok((name.to_owned(), dirs))
}

/// The methods read, with each answered one in place of the one read for the same
/// C++ member (same class, name and parameter types), and the others after them.
pub fn merge(read: Vec<Method>, answered: &[Method]) -> Vec<Method> {
    let mut merged: Vec<Method> = read
        .into_iter()
        .map(|method| {
            answered
                .iter()
                .find(|a| a.signature() == method.signature())
                .cloned()
                .unwrap_or(method)
        })
        .collect();
    for method in answered {
        if !merged.iter().any(|m| m.signature() == method.signature()) {
            merged.push(method.clone());
        }
    }
    merged
}

/// The include folders pkg-config gives for `package`.
pub fn pkg_config_include_dirs(package: &str) -> Result<Vec<PathBuf>, Error> {
    let output = Command::new("pkg-config")
        .args(["--cflags-only-I", package])
        .output()
        .map_err(|e| Error::Usage(format!("cannot run pkg-config: {e}")))?;
    if !output.status.success() {
        return Err(Error::Usage(format!(
            "pkg-config does not know `{package}`: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .filter_map(|flag| flag.strip_prefix("-I"))
        .map(PathBuf::from)
        .collect())
}

/// What will be generated, a line each: the classes with their ownership, and what
/// is left out.
pub fn plan_lines(answers: &Answers) -> Vec<String> {
    let mut lines = Vec::new();
    for class in &answers.classes {
        let methods = answers
            .methods
            .iter()
            .filter(|m| m.class == class.cpp)
            .count();
        lines.push(format!(
            "class {:<20} {}, {} constructor(s), {methods} method(s)",
            class.cpp,
            class.ownership,
            class.constructors.len()
        ));
    }
    // Checked answers plan; should one not, the build says why.
    if let Ok(plan) = refcount_build::Plan::new(&answers.wrapper(), &answers.name) {
        let unmade = plan.unmade();
        if !unmade.is_empty() {
            lines.push(format!(
                "no constructor the generator can call (without inventing an argument) for {}: \
                 add a test by hand",
                unmade.join(", ")
            ));
        }
    }
    // Memory the library may keep makes a function `unsafe`: worth a look first.
    let kept: Vec<String> = answers
        .methods
        .iter()
        .filter(|m| m.params.iter().any(|p| p.kept))
        .map(|m| format!("{}::{}", m.class, m.cpp))
        .chain(answers.classes.iter().flat_map(|c| {
            c.constructors
                .iter()
                .filter(|k| k.params.iter().any(|p| p.kept))
                .map(move |k| format!("{}::{}", c.cpp, k.name))
        }))
        .collect();
    if !kept.is_empty() {
        lines.push(format!(
            "unsafe, as the library may keep the memory they are given (`kept`; drop the \
             word in wrapper.toml where it copies): {}",
            kept.join(", ")
        ));
    }
    if !answers.skipped.is_empty() {
        lines.push(format!(
            "left out ({}, listed in the crate's wrapper.toml and README):",
            answers.skipped.len()
        ));
        lines.extend(answers.skipped.iter().map(|s| format!("  {s}")));
    }
    lines
}
