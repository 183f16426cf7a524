//! The C and C++ libraries the end-to-end tests wrap (`libraries/`, not the kit's sample),
//! built as shared libraries, and the answers that describe them by hand.

use std::path::{Path, PathBuf};
use std::process::Command;

use new_wrapper::{Answers, Library, RefcountSource};
use refcount_build::model::StringClass;
use refcount_build::{Class, Method};

use crate::kit_root;

/// A test library built as `lib<name>.so`, with where its headers are.
#[derive(Debug, Clone)]
pub struct Built {
    /// The library's short name (`geo`).
    pub name: &'static str,
    /// The folder the headers are relative to.
    pub include_dir: PathBuf,
    /// The folder holding `lib<name>.so` (and `<name>.pc`).
    pub lib_dir: PathBuf,
}

/// The sources of test library `name` (`geo`, `store`, `zoo`, `canvas` or `tally`).
pub fn sources(name: &str) -> PathBuf {
    kit_root()
        .join("crates/template-tests/libraries")
        .join(name)
}

/// Compiles C++ `sources` into the shared library `output`, hiding all but what the
/// headers export.
pub fn compile_shared(sources: &[PathBuf], include_dir: &Path, output: &Path) {
    // A library of C sources is compiled as C.
    let c = sources
        .iter()
        .all(|s| s.extension().is_some_and(|ext| ext == "c"));
    let (variable, compiler, standard) = if c {
        ("CC", "cc", "-std=c11")
    } else {
        ("CXX", "c++", "-std=c++17")
    };
    let compiler = std::env::var(variable).unwrap_or_else(|_| compiler.to_owned());
    let status = Command::new(&compiler)
        .args([
            standard,
            "-shared",
            "-fPIC",
            "-fvisibility=hidden",
            "-O1",
            "-g",
        ])
        .arg("-I")
        .arg(include_dir)
        .args(sources)
        .arg("-o")
        .arg(output)
        .status()
        .unwrap_or_else(|e| panic!("{compiler} runs: {e}"));
    assert!(status.success(), "building {} failed", output.display());
}

/// Builds test library `name` into `out/<name>`: `lib<name>.so`, and a pkg-config
/// file `<name>.pc` that points at it and at its headers.
pub fn build(name: &'static str, out: &Path) -> Built {
    build_from(name, &sources(name), out)
}

/// [`build`] from a copy of the library's sources in `src` (`include/`, `src/`).
pub fn build_from(name: &'static str, src: &Path, out: &Path) -> Built {
    let lib_dir = out.join(name);
    std::fs::create_dir_all(&lib_dir).expect("a folder for the library");
    let cpp: Vec<PathBuf> = std::fs::read_dir(src.join("src"))
        .expect("the library's sources")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "cpp" || ext == "c")
        })
        .collect();
    let include_dir = src.join("include");
    compile_shared(&cpp, &include_dir, &lib_dir.join(format!("lib{name}.so")));
    let pc = format!(
        "Name: {name}\nDescription: the kit's test library {name}\nVersion: 1.0.0\n\
         Cflags: -I{}\nLibs: -L{} -l{name}\n",
        include_dir.display(),
        lib_dir.display()
    );
    std::fs::write(lib_dir.join(format!("{name}.pc")), pc).expect("the .pc file is written");
    Built {
        name,
        include_dir,
        lib_dir,
    }
}

/// The kit's sample library (`native-cpp`), prebuilt into `out` as `libtestnative.so`:
/// the sample as a library of its own, outside the crate.
pub fn sample_prebuilt(out: &Path) -> Built {
    let native = kit_root().join("native-cpp");
    let sources =
        ["reference_counter", "dog", "owner", "c_api"].map(|s| native.join(format!("src/{s}.cpp")));
    let include_dir = native.join("include");
    compile_shared(&sources, &include_dir, &out.join("libtestnative.so"));
    Built {
        name: "testnative",
        include_dir,
        lib_dir: out.to_owned(),
    }
}

impl Built {
    /// The `library` answer for this library, in folders.
    pub fn existing(&self) -> Library {
        Library::Existing {
            include_dir: self.include_dir.clone(),
            lib_name: self.name.to_owned(),
            lib_dir: self.lib_dir.clone(),
        }
    }
}

/// This kit's `refcount`, by absolute path: the generated crates live elsewhere.
pub fn kit_refcount() -> RefcountSource {
    RefcountSource::Path(kit_root().join("crates/refcount").display().to_string())
}

fn answers(name: &str, namespace: &str, library: Library, header: &str) -> Answers {
    Answers {
        cpp_namespace: namespace.to_owned(),
        library,
        headers: vec![header.to_owned()],
        classes: Vec::new(),
        methods: Vec::new(),
        refcount: kit_refcount(),
        ci: false,
        ..Answers::defaults(name)
    }
}

/// Answers in their one-line form, read (a test's answers are valid).
pub fn parsed<T: std::str::FromStr>(items: &[&str]) -> Vec<T>
where
    T::Err: std::fmt::Display,
{
    items
        .iter()
        .map(|item| item.parse().unwrap_or_else(|e| panic!("{item}: {e}")))
        .collect()
}

// ANCHOR: geo_answers
/// `geo`, answered by hand: one class that counts itself through its members
/// (its destructor is private), two constructors, and a few methods.
pub fn geo_answers(name: &str, library: Library) -> Answers {
    Answers {
        classes: parsed::<Class>(&[
            "shape=intrusive(retain,release) new(double) new_rect(double width, double height) \
             # A rectangle that counts its own references.",
        ]),
        methods: parsed::<Method>(&[
            "shape.area() const -> double # Width times height.",
            "shape.use_count() const -> int",
            "shape.scale(double factor) throws # Scales both sides by `factor`.",
            "shape.name() const -> std::string",
            "shape.rename(const std::string& name)",
            "shape.scaled_copy(double factor) const -> new shape* # A new, scaled shape.",
            "shape.same_size(const shape& other) const -> bool",
            "shape.live() static -> int",
        ]),
        ..answers(name, "geo", library, "geo/shape.hpp")
    }
}
// ANCHOR_END: geo_answers

// ANCHOR: store_answers
/// `store`, answered by hand: a uniquely owned class, a class counted in Rust that a
/// free function destroys, and a class that counts itself through free functions.
pub fn store_answers(name: &str, library: Library) -> Answers {
    Answers {
        classes: parsed::<Class>(&[
            "item=unique new(const std::string& name, int quantity) # One item of stock.",
            "shelf=counted(store::close_shelf) new(const std::string& label)",
            "ticket=intrusive(store::ticket_ref,store::ticket_unref) new(int number)",
        ]),
        methods: parsed::<Method>(&[
            "item.name() const -> std::string",
            "item.quantity() const -> int",
            "item.restock(int n)",
            "item.set_price(double p) throws",
            "item.sku() const -> std::uint64_t",
            "item.history() const -> std::vector<int>",
            "shelf.size() const -> std::size_t",
            "shelf.add(const std::string& name, int quantity) throws",
            "shelf.total(const char* prefix) const -> int",
            "ticket.number() const -> int",
            "item.live() static -> int",
        ]),
        ..answers(name, "store", library, "store/store.hpp")
    }
}
// ANCHOR_END: store_answers

/// `zoo`, answered by hand: a class counted in Rust that a free function destroys,
/// and a uniquely owned class whose constructor keeps a pointer to one of them.
pub fn zoo_answers(name: &str, library: Library) -> Answers {
    Answers {
        classes: parsed::<Class>(&[
            "conn=counted(zoo::destroy_conn) new(int port) send sync",
            "client=unique new(conn* c) send sync # A client, which needs its connection.",
        ]),
        methods: parsed::<Method>(&[
            "conn.port() const -> int",
            "conn.live() static -> int",
            "client.ping() const -> int",
            "client.live() static -> int",
        ]),
        ..answers(name, "zoo", library, "zoo/zoo.hpp")
    }
}

// ANCHOR: c_api_answers
/// The sample's C API (`native-cpp/include/testnative/c_api.h`), answered: its
/// objects are `void*`, so each type says which `void*` it is and the type id that
/// names it; its counts are atomic and its callback may run on any thread, so both
/// are thread-safe; it reports failures to the callback it registers. The owner
/// keeps its dog alive: a factory's objects are kept by what it makes.
/// `crates/dog-dynamic` is what these answers generate, loaded.
pub fn c_api_answers(name: &str, library: Library) -> Answers {
    Answers {
        language: refcount_build::model::Language::C,
        classes: parsed::<Class>(&[
            "dog as Dog=intrusive(add_reference,release) void(testnative::dog) send sync  # A dog of the sample library. Thread-safe: its state and count are atomic.",
            "owner as DogOwner=intrusive(add_reference,release) void(testnative::owner) send sync  # An owner of a dog. The C owner keeps the dog's pointer without a reference: this wrapper keeps the dog alive for it.",
        ]),
        error_callback: Some("register_error_callback".to_owned()),
        methods: parsed::<Method>(&[
            "dog.create_dog() static -> new dog* as new  # A new dog, at position 0.",
            "dog.get_dog_position() -> int as position  # Number of walks taken so far: a new dog starts at 0.",
            "dog.wag_tail() -> int  # Wags once and returns the total number of wags including this one, so the first call returns 1.",
            "dog.get_reference_count() -> int as reference_count  # The native reference count: a snapshot, for diagnostics and tests.",
            "dog.num_dogs() static -> int  # Number of dogs currently alive in the process.",
            "owner.create_owner(dog* dog) static -> new owner* as new  # A new owner of `dog`.",
            "owner.say_walk()  # Walks the dog.",
            "owner.get_reference_count() -> int as reference_count  # The native reference count: a snapshot, for diagnostics and tests.",
            "owner.num_owners() static -> int  # Number of owners currently alive in the process.",
        ]),
        ..answers(name, "", library, "testnative/c_api.h")
    }
}
// ANCHOR_END: c_api_answers

/// Adds the hand-written tests of test library `library` (its `tests/*.rs`, written
/// against the crate its answers generate, as `the_wrapper`) to that crate, generated
/// as crate `name` in `root`. A library without a `tests` folder adds nothing.
pub fn add_tests(library: &str, root: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(sources(library).join("tests")) else {
        return;
    };
    for path in entries.flatten().map(|entry| entry.path()) {
        let test =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let test = test.replace("the_wrapper", &name.replace('-', "_"));
        let file = root.join("tests").join(path.file_name().expect("a file"));
        std::fs::write(&file, test).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
}

/// The answers for library `built`, read from its headers as `new-wrapper --header`
/// reads them: the classes, constructors and methods that libclang finds.
pub fn read_answers(name: &str, built: &Built, headers: &[&str]) -> Answers {
    read_with(
        name,
        built.existing(),
        vec![built.include_dir.clone()],
        headers,
        Vec::new(),
    )
}

/// A library installed from Debian that nobody here wrote, with the program written
/// against the crate generated for it (`real/<library>.rs`).
#[derive(Debug, Clone, Copy)]
pub struct RealLibrary {
    /// Its name, and its program's (`real/<library>.rs`).
    pub library: &'static str,
    /// Its pkg-config package.
    pub package: &'static str,
    /// The headers read (`--header`).
    pub headers: &'static [&'static str],
    /// The answers the headers cannot give: its string classes (`--string-class`).
    pub strings: &'static [&'static str],
}

/// The real libraries the kit is proved on: `ci/libclang.sh` installs each.
pub const REAL_LIBRARIES: [RealLibrary; 3] = [
    RealLibrary {
        library: "jsoncpp",
        package: "jsoncpp",
        headers: &["json/json.h"],
        strings: &[],
    },
    RealLibrary {
        library: "tinyxml2",
        package: "tinyxml2",
        headers: &["tinyxml2.h"],
        strings: &[],
    },
    RealLibrary {
        library: "poppler",
        package: "poppler-cpp",
        headers: &["poppler-document.h", "poppler-page.h"],
        strings: &["poppler::ustring : to_utf8 / from_utf8"],
    },
];

/// The real library called `library`.
pub fn real_library(library: &str) -> RealLibrary {
    *REAL_LIBRARIES
        .iter()
        .find(|real| real.library == library)
        .unwrap_or_else(|| panic!("`{library}` is one of REAL_LIBRARIES"))
}

/// The answers for a library installed on the system, read from its headers as
/// `new-wrapper --pkg-config PACKAGE --header ... --string-class ...` reads them.
pub fn installed_answers(name: &str, real: RealLibrary) -> Answers {
    let package = real.package;
    let include_dirs = new_wrapper::options::pkg_config_include_dirs(package)
        .unwrap_or_else(|e| panic!("pkg-config finds {package} (ci/libclang.sh installs it): {e}"));
    let library = Library::PkgConfig {
        package: package.to_owned(),
    };
    let strings: Vec<StringClass> = real
        .strings
        .iter()
        .map(|s| s.parse().unwrap_or_else(|e| panic!("{s}: {e}")))
        .collect();
    read_with(name, library, include_dirs, real.headers, strings)
}

/// The answers for `library`, read from `headers` in `include_dirs`.
fn read_with(
    name: &str,
    library: Library,
    include_dirs: Vec<PathBuf>,
    headers: &[&str],
    strings: Vec<StringClass>,
) -> Answers {
    let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    let found = new_wrapper::header::read(&new_wrapper::header::Request {
        headers: headers.clone(),
        include_dirs,
        strings: strings.clone(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("reading {headers:?}: {e}"));
    let mut answers = Answers {
        cpp_namespace: found.namespace,
        headers,
        classes: found.classes,
        methods: found.methods,
        enums: found.enums,
        strings,
        smart_pointers: found.smart_pointers,
        skipped: found.skipped,
        ..answers(name, "", library, "")
    };
    if let Some(c) = found.c {
        new_wrapper::options::add_c(&mut answers, c, &[], None);
    }
    answers
}

/// A C library installed from Debian that nobody here wrote: generated with one
/// `new-wrapper` command (in either mode: linked, or loaded at run time), with the
/// answers its header cannot give, and the program written against the crate
/// (`real/<library>.rs`).
#[derive(Debug, Clone, Copy)]
pub struct RealCLibrary {
    /// Its name, and its program's (`real/<library>.rs`).
    pub library: &'static str,
    /// Its pkg-config package.
    pub package: &'static str,
    /// The header read (`--header`).
    pub header: &'static str,
    /// The types wrapped, with their Rust names (`--class`).
    pub classes: &'static [&'static str],
    /// The statuses the header cannot tell (`--status`).
    pub statuses: &'static [&'static str],
    /// The functions the header cannot tell all of (`--method`).
    pub methods: &'static [&'static str],
    /// The function that frees the strings it returns (`--string-free`), if answered.
    pub string_free: Option<&'static str>,
}

/// The real C libraries the kit is proved on, both linked and loaded: `ci/libclang.sh`
/// installs each.
pub const REAL_C_LIBRARIES: [RealCLibrary; 3] = [
    RealCLibrary {
        library: "sqlite3",
        package: "sqlite3",
        header: "sqlite3.h",
        classes: &["sqlite3 as Database", "sqlite3_stmt as Statement"],
        // `sqlite3_step` succeeds with a row or with the end, which its comment says
        // among the errors.
        statuses: &[
            "sqlite_step : int ok(SQLITE_ROW = 100, SQLITE_DONE = 101) message(sqlite3_errmsg(sqlite3))",
        ],
        methods: &["sqlite3_stmt.sqlite3_step() -> sqlite_step"],
        string_free: None,
    },
    RealCLibrary {
        library: "jansson",
        package: "jansson",
        header: "jansson.h",
        classes: &["json_t as Json"],
        // jansson.h documents nothing: its manual says which setters steal, that
        // the setters return 0 on success, and who frees `json_dumps`'s string.
        statuses: &["json_status : int ok(0)"],
        methods: &[
            "json_t.json_object_set_new(const char* key, steals json_t* value) -> json_status",
            "json_t.json_object_set(const char* key, json_t* value) -> json_status",
            "json_t.json_array_append_new(steals json_t* value) -> json_status",
            "json_t.json_array_append(json_t* value) -> json_status",
            "json_t.json_dumps(size_t flags) const -> new char*",
            "json_t.json_loads(const char* input, size_t flags, json_error_t* error = NULL) static -> new json_t*",
        ],
        string_free: Some("free"),
    },
    RealCLibrary {
        library: "cairo",
        package: "cairo",
        header: "cairo/cairo.h",
        // Nothing to answer: the header says it all by its names and its status enum.
        classes: &[],
        statuses: &[],
        methods: &[],
        string_free: None,
    },
];

/// The real C library called `library`.
pub fn real_c_library(library: &str) -> RealCLibrary {
    *REAL_C_LIBRARIES
        .iter()
        .find(|real| real.library == library)
        .unwrap_or_else(|| panic!("`{library}` is one of REAL_C_LIBRARIES"))
}

/// The answers `new-wrapper NAME --pkg-config PACKAGE --header HEADER [--loaded]
/// --class ... --status ... --method ...` gives for the installed C library `real`.
pub fn installed_c_answers(name: &str, real: RealCLibrary, loaded: bool) -> Answers {
    let options = new_wrapper::options::Options {
        name: name.to_owned(),
        headers: vec![real.header.to_owned()],
        classes: parsed(real.classes),
        methods: parsed(real.methods),
        statuses: parsed(real.statuses),
        string_free: real.string_free.map(str::to_owned),
        pkg_config: Some(real.package.to_owned()),
        loaded,
        no_ci: true,
        ..Default::default()
    };
    let (answers, _) = new_wrapper::options::answers(&options)
        .unwrap_or_else(|e| panic!("new-wrapper reads {}: {e}", real.header));
    Answers {
        refcount: kit_refcount(),
        ..answers
    }
}

/// Adds the program written against the crate generated for the installed library
/// `library` (`real/<library>.rs`, with `the_wrapper` for the crate's name) to that
/// crate, generated as crate `name` in `root`, as `tests/<library>.rs`.
pub fn add_real_test(library: &str, root: &Path, name: &str) {
    let path = kit_root()
        .join("crates/template-tests/real")
        .join(format!("{library}.rs"));
    let test = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file = root.join("tests").join(format!("{library}.rs"));
    std::fs::write(&file, test.replace("the_wrapper", &name.replace('-', "_")))
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
}
