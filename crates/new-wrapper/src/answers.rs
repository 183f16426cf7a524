//! [`Answers`]: what the template asks, as Rust values, and what it cannot check.

use std::path::{Path, PathBuf};

use refcount_build::model::{Enum, Language, Status, StringClass};
use refcount_build::{model, Class, Method, Wrapper};

use crate::{template, Error};

/// How the generated crate gets the C++ library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Library {
    /// The sample dog/owner library, copied into the crate (or, with `cpp_dir`, read
    /// from another folder, as the kit's own example does).
    Bundled {
        /// Folder of the C++ sources, relative to the crate; `None` copies them into `cpp/`.
        cpp_dir: Option<String>,
    },
    /// A prebuilt library, in folders.
    Existing {
        /// The folder the `headers` answer is relative to.
        include_dir: PathBuf,
        /// The library's name (`geo` for `libgeo.so`).
        lib_name: String,
        /// The folder with the library's file.
        lib_dir: PathBuf,
    },
    /// A prebuilt library that pkg-config finds.
    PkgConfig {
        /// The package's name, as `pkg-config --list-all` shows it.
        package: String,
    },
    /// A C library loaded when the program first uses it (nothing linked).
    Loaded {
        /// Its short name (`sqlite3` for `libsqlite3.so.0`).
        name: String,
        /// The major version the declarations are for, if pinned.
        version: Option<u64>,
        /// The folder of its headers, for the shim of its inline functions.
        include_dir: Option<PathBuf>,
    },
}

/// Where the generated crate's `refcount` dependency comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefcountSource {
    /// A path, relative to the generated crate or absolute.
    Path(String),
    /// A git repository (a URL, or a local repository's path).
    Git(String),
    /// A version requirement on crates.io.
    Version(String),
}

/// The answers to the template's questions.
///
/// The classes and methods are the model's values; the template receives them in
/// their one-line text form (`shape=intrusive(retain,release) new(double)`,
/// `shape.area() const -> double`) and writes them into `wrapper.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// The crate name (`project-name`).
    pub name: String,
    /// The C++ namespace of the classes to wrap (`cpp_namespace`); a C library's
    /// is not written.
    pub cpp_namespace: String,
    /// The library's language (`language`).
    pub language: Language,
    /// A C library's status codes (`statuses`).
    pub statuses: Vec<Status>,
    /// The function that frees a C library's returned strings (`string_free`).
    pub string_free: Option<String>,
    /// The function that registers a C library's error callback (`error_callback`).
    pub error_callback: Option<String>,
    /// The C header's inline functions the wrapper calls (`inline`).
    pub inline: Vec<String>,
    /// The exported functions those call (`inline_calls`).
    pub inline_calls: Vec<String>,
    /// The bundled sample library, or an existing one (`library` and its answers).
    pub library: Library,
    /// The headers to include, relative to the include folder; empty for the
    /// bundled sample's own (`headers`).
    pub headers: Vec<String>,
    /// The classes to wrap (`classes`).
    pub classes: Vec<Class>,
    /// The methods to bind (`methods`).
    pub methods: Vec<Method>,
    /// The enums the methods take or return (`enums`).
    pub enums: Vec<Enum>,
    /// The library's own string classes (`strings`).
    pub strings: Vec<StringClass>,
    /// The library's intrusive smart pointers, beyond the well-known ones
    /// (`smart_pointers`).
    pub smart_pointers: Vec<String>,
    /// What a header reader did not bind, as `WHAT: WHY` (`skipped`).
    pub skipped: Vec<String>,
    /// The system packages that provide the library, for the CI workflow
    /// (`system_packages`).
    pub system_packages: Vec<String>,
    /// Where `refcount` comes from (`refcount_source` and its value).
    pub refcount: RefcountSource,
    /// Whether to add a GitHub Actions workflow (`ci`).
    pub ci: bool,
}

/// The default of one of the template's questions, read from its
/// `cargo-generate.toml`: the one place the defaults are written.
fn template_default(question: &str) -> String {
    let text = template::file("cargo-generate.toml")
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .expect("the carried template has a UTF-8 cargo-generate.toml");
    let config: toml::Table = text
        .parse()
        .expect("the template's cargo-generate.toml parses");
    // A question is asked always, or under a condition (`[conditional.'...']`).
    let conditional = config
        .get("conditional")
        .and_then(toml::Value::as_table)
        .into_iter()
        .flat_map(|conditions| conditions.values());
    std::iter::once(&toml::Value::Table(config.clone()))
        .chain(conditional)
        .find_map(|scope| {
            scope
                .get("placeholders")?
                .get(question)?
                .get("default")?
                .as_str()
        })
        .unwrap_or_else(|| panic!("the template has a default for `{question}`"))
        .to_owned()
}

/// The items of a list answer, one per line, read as `T` (the template's defaults
/// are always valid).
fn lines<T: std::str::FromStr>(text: &str) -> Vec<T>
where
    T::Err: std::fmt::Display,
{
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            line.parse()
                .unwrap_or_else(|e| panic!("the template's default `{line}` is refused: {e}"))
        })
        .collect()
}

/// The bundled sample's sources, relative to its folder.
const SAMPLE_SOURCES: [&str; 3] = ["src/reference_counter.cpp", "src/dog.cpp", "src/owner.cpp"];

impl Answers {
    /// The template's default answers, for a crate called `name`: the bundled sample
    /// library with its classes and methods (a test checks that they render what the
    /// template renders when nothing is answered).
    pub fn defaults(name: &str) -> Self {
        Answers {
            name: name.to_owned(),
            cpp_namespace: template_default("cpp_namespace"),
            language: Language::Cpp,
            statuses: Vec::new(),
            string_free: None,
            error_callback: None,
            inline: Vec::new(),
            inline_calls: Vec::new(),
            library: Library::Bundled { cpp_dir: None },
            headers: Vec::new(),
            classes: lines(&template_default("classes")),
            methods: lines(&template_default("methods")),
            enums: Vec::new(),
            strings: Vec::new(),
            smart_pointers: Vec::new(),
            skipped: Vec::new(),
            system_packages: Vec::new(),
            refcount: RefcountSource::Version(template_default("refcount_version")),
            ci: true,
        }
    }

    /// The answers that produce the kit's worked example, `crates/dog-cxx`: the
    /// defaults, pointed at the kit's own copies of the C++ library and of
    /// `refcount`, without a CI workflow of its own (the kit has one).
    pub fn kit_example() -> Self {
        Answers {
            library: Library::Bundled {
                cpp_dir: Some("../../native-cpp".to_owned()),
            },
            refcount: RefcountSource::Path("../refcount".to_owned()),
            ci: false,
            ..Answers::defaults("dog-cxx")
        }
    }

    /// The answers as `--define key=value` pairs, for cargo-generate.
    pub fn defines(&self) -> Vec<String> {
        fn list<T: ToString>(items: &[T]) -> String {
            items.iter().map(T::to_string).collect::<Vec<_>>().join(";")
        }
        let mut defines = vec![
            format!("language={}", self.language.key()),
            format!("cpp_namespace={}", self.cpp_namespace),
            format!("statuses={}", list(&self.statuses)),
            format!(
                "string_free={}",
                self.string_free.as_deref().unwrap_or_default()
            ),
            format!(
                "error_callback={}",
                self.error_callback.as_deref().unwrap_or_default()
            ),
            format!("inline={}", list(&self.inline)),
            format!("inline_calls={}", list(&self.inline_calls)),
            format!("ci={}", self.ci),
            format!("headers={}", list(&self.headers)),
            format!("classes={}", list(&self.classes)),
            format!("methods={}", list(&self.methods)),
            format!("enums={}", list(&self.enums)),
            format!("strings={}", list(&self.strings)),
            format!("smart_pointers={}", list(&self.smart_pointers)),
            format!("skipped={}", list(&self.skipped)),
            format!("system_packages={}", list(&self.system_packages)),
        ];
        match &self.library {
            Library::Bundled { cpp_dir } => {
                defines.push("library=bundled".to_owned());
                defines.extend(cpp_dir.iter().map(|dir| format!("cpp_dir={dir}")));
            }
            Library::Existing {
                include_dir,
                lib_name,
                lib_dir,
            } => defines.extend([
                "library=existing".to_owned(),
                format!("include_dir={}", include_dir.display()),
                format!("lib_name={lib_name}"),
                format!("lib_dir={}", lib_dir.display()),
            ]),
            Library::PkgConfig { package } => defines.extend([
                "library=pkg-config".to_owned(),
                format!("pkg_config={package}"),
            ]),
            Library::Loaded {
                name,
                version,
                include_dir,
            } => defines.extend([
                "library=loaded".to_owned(),
                format!("loaded_name={name}"),
                format!(
                    "loaded_version={}",
                    version.map(|v| v.to_string()).unwrap_or_default()
                ),
                format!(
                    "loaded_include_dir={}",
                    include_dir
                        .as_ref()
                        .map(|d| d.display().to_string())
                        .unwrap_or_default()
                ),
            ]),
        }
        let (source, key, value) = match &self.refcount {
            RefcountSource::Path(path) => ("path", "refcount_path", path),
            RefcountSource::Git(url) => ("git", "refcount_git", url),
            RefcountSource::Version(version) => ("version", "refcount_version", version),
        };
        defines.extend([
            format!("refcount_source={source}"),
            format!("{key}={value}"),
        ]);
        defines
    }

    /// The answers as a cargo-generate values file (`--template-values-file`): what
    /// `new-wrapper --dry-run` prints, so that plain `cargo generate` reproduces a
    /// crate, one class and one method a line.
    pub fn values_file(&self) -> String {
        let mut toml = toml::Table::new();
        for define in self.defines() {
            let (key, value) = define.split_once('=').expect("every define is key=value");
            let value = match key {
                "ci" => toml::Value::Boolean(value == "true"),
                "headers" | "classes" | "methods" | "enums" | "strings" | "smart_pointers"
                | "skipped" | "system_packages" | "statuses" | "inline" | "inline_calls"
                    if !value.is_empty() =>
                {
                    toml::Value::String(format!("{}\n", value.replace(';', "\n")))
                }
                _ => toml::Value::String(value.to_owned()),
            };
            toml.insert(key.to_owned(), value);
        }
        let mut file = toml::Table::new();
        file.insert("values".to_owned(), toml::Value::Table(toml));
        format!(
            "# cargo generate --path <kit>/template --name {} --template-values-file <this file>\n{}",
            self.name,
            toml::to_string_pretty(&file).expect("a table serializes")
        )
    }

    /// The description the template writes into the crate's `wrapper.toml` (a test
    /// proves that they agree).
    pub fn wrapper(&self) -> Wrapper {
        let folder = self.cpp_namespace.replace("::", "_");
        let library = match &self.library {
            Library::Bundled { cpp_dir } => model::Library::Sources {
                folder: cpp_dir.clone().unwrap_or_else(|| "cpp".to_owned()),
                files: SAMPLE_SOURCES.map(str::to_owned).to_vec(),
                defines: vec![format!("{}_STATIC", folder.to_uppercase())],
            },
            Library::Existing {
                include_dir,
                lib_name,
                lib_dir,
            } => model::Library::Existing {
                include_dir: include_dir.display().to_string(),
                lib_dir: lib_dir.display().to_string(),
                lib_name: lib_name.clone(),
            },
            Library::PkgConfig { package } => model::Library::PkgConfig {
                package: package.clone(),
            },
            Library::Loaded {
                name,
                version,
                include_dir,
            } => model::Library::Loaded {
                name: name.clone(),
                version: *version,
                include_dir: include_dir.as_ref().map(|d| d.display().to_string()),
            },
        };
        let headers = match (&self.library, self.headers.is_empty()) {
            (Library::Bundled { .. }, true) => {
                vec![format!("{folder}/dog.hpp"), format!("{folder}/owner.hpp")]
            }
            _ => self.headers.clone(),
        };
        let c = self.language == Language::C;
        Wrapper {
            language: self.language,
            statuses: self.statuses.clone(),
            string_free: self.string_free.clone(),
            error_callback: self.error_callback.clone(),
            inline: self.inline.clone(),
            inline_calls: self.inline_calls.clone(),
            namespace: if c {
                String::new()
            } else {
                self.cpp_namespace.clone()
            },
            headers,
            classes: self.classes.clone(),
            methods: self.methods.clone(),
            enums: self.enums.clone(),
            strings: self.strings.clone(),
            smart_pointers: self.smart_pointers.clone(),
            system_packages: self.system_packages.clone(),
            library,
        }
    }

    /// Checks everything that can be checked before a file is written: the
    /// description (every class and method, as the crate's build will read it), and
    /// what the template cannot see from where it runs: that the existing library's
    /// folders exist, and that each header is in the include folder.
    pub fn check(&self) -> Result<(), Error> {
        self.wrapper()
            .check()
            .map_err(|refusal| Error::Answer(refusal.to_string()))?;
        self.check_files()
    }

    fn check_files(&self) -> Result<(), Error> {
        let Library::Existing {
            include_dir,
            lib_dir,
            ..
        } = &self.library
        else {
            return Ok(());
        };
        for (question, name, dir) in [
            ("include_dir", "include folder", include_dir),
            ("lib_dir", "library folder", lib_dir),
        ] {
            if !dir.is_dir() {
                return Err(Error::Answer(format!(
                    "\"{}\" is not a valid {name} ({question}): it must be an existing folder",
                    dir.display(),
                )));
            }
        }
        for header in &self.headers {
            if !Path::new(include_dir).join(header).is_file() {
                return Err(Error::Answer(format!(
                    "\"{header}\" is not a valid header (headers): there is no such file in the \
                     include folder {}",
                    include_dir.display()
                )));
            }
        }
        Ok(())
    }
}
