//! What a wrapper crate's build script runs: generate its code from `wrapper.toml`
//! into `OUT_DIR`, then compile the bridge with cxx-build and link the library.

use std::path::{Path, PathBuf};

use crate::c;
use crate::generate::{self, Options, FOLDER};
use crate::model::{Language, Library, Wrapper};
use crate::plan::Plan;
use crate::{Error, Result};

/// The description's file name, at the crate's root.
pub const WRAPPER_TOML: &str = "wrapper.toml";

fn env(name: &str) -> Result<String> {
    std::env::var(name).map_err(|_| {
        Error::Library(format!(
            "`{name}` is not set: refcount_build::build() runs in a build script"
        ))
    })
}

/// Writes the generated files of `plan` into `folder`; returns their paths.
pub fn write(plan: &Plan, options: Options, folder: &Path) -> Result<Vec<PathBuf>> {
    write_files(generate::files(plan, options), folder)
}

/// The generated files of `wrapper`, a C++ or a C library's, for crate `crate_name`.
pub fn files_of(
    wrapper: &Wrapper,
    crate_name: &str,
    options: Options,
) -> Result<Vec<generate::File>> {
    Ok(match wrapper.language {
        Language::Cpp => generate::files(&Plan::new(wrapper, crate_name)?, options),
        Language::C => c::generate::files(&c::plan::Plan::new(wrapper, crate_name)?, options),
    })
}

fn write_files(files: Vec<generate::File>, folder: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(folder).map_err(|source| Error::Io {
        path: folder.to_owned(),
        source,
    })?;
    let mut written = Vec::new();
    for file in files {
        let path = folder.join(file.name);
        // Unchanged files keep their time stamps: nothing rebuilds for nothing.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(file.text.as_str()) {
            std::fs::write(&path, &file.text).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
        }
        written.push(path);
    }
    Ok(written)
}

/// Generates the crate's code from its `wrapper.toml`, compiles the bridge and links
/// the library: the whole of a wrapper crate's `build.rs`.
///
/// ```no_run
/// // The whole of build.rs's `main`:
/// if let Err(err) = refcount_build::build() {
///     eprintln!("error: {err}");
///     std::process::exit(1);
/// }
/// ```
pub fn build() -> Result<()> {
    let root = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(env("OUT_DIR")?);
    let crate_name = env("CARGO_PKG_NAME")?;
    println!("cargo:rerun-if-changed={WRAPPER_TOML}");
    let wrapper = Wrapper::load(&root.join(WRAPPER_TOML))?;
    let folder = out_dir.join(FOLDER);
    if wrapper.language == Language::C {
        let plan = c::plan::Plan::new(&wrapper, &crate_name)?;
        write_files(c::generate::files(&plan, Options::default()), &folder)?;
        return link_c(
            &root,
            &wrapper,
            plan.has_shim().then(|| folder.join("shims.c")),
        );
    }
    let plan = Plan::new(&wrapper, &crate_name)?;
    write(&plan, Options::default(), &folder)?;

    let mut bridge = cxx_build::bridge(folder.join("ffi.rs"));
    bridge.include(&out_dir).std("c++17");
    let mut link_dirs = Vec::new();
    match &wrapper.library {
        Library::Sources {
            folder: sources,
            files,
            defines,
        } => {
            let sources = root.join(sources);
            bridge.include(sources.join("include"));
            for file in files {
                bridge.file(sources.join(file));
            }
            for define in defines {
                bridge.define(define, None);
            }
            println!("cargo:rerun-if-changed={}", sources.display());
        }
        Library::Existing {
            include_dir,
            lib_dir,
            lib_name,
        } => {
            let (include_dir, lib_dir) = (root.join(include_dir), root.join(lib_dir));
            for (dir, key) in [(&include_dir, "include-dir"), (&lib_dir, "lib-dir")] {
                if !dir.is_dir() {
                    return Err(Error::Library(format!(
                        "the folder `{}` does not exist: fix `{key}` in {WRAPPER_TOML}",
                        dir.display()
                    )));
                }
            }
            for header in &wrapper.headers {
                let path = include_dir.join(header);
                if !path.is_file() {
                    return Err(Error::Library(format!(
                        "the header `{header}` is not in `{}`: fix `headers` in {WRAPPER_TOML}",
                        include_dir.display()
                    )));
                }
                println!("cargo:rerun-if-changed={}", path.display());
            }
            bridge.include(&include_dir);
            println!("cargo:rustc-link-search=native={}", lib_dir.display());
            println!("cargo:rustc-link-lib={lib_name}");
            link_dirs.push(lib_dir);
        }
        Library::Loaded { .. } => {
            return Err(Error::Library(format!(
                "a C++ library is linked: `kind = \"loaded\"` in {WRAPPER_TOML} is for C"
            )))
        }
        Library::PkgConfig { package } => {
            let (include_dirs, lib_dirs) = pkg_config(package)?;
            bridge.includes(include_dirs);
            link_dirs.extend(lib_dirs);
        }
    }
    bridge.compile(&format!("{}_bridge", plan.crate_name));
    // A shared library is found at run time where it was found at build time, with
    // no LD_LIBRARY_PATH to set.
    if std::env::var("CARGO_CFG_TARGET_FAMILY").as_deref() == Ok("unix") {
        for dir in link_dirs {
            println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir.display());
        }
    }
    Ok(())
}

/// Links a C library: nothing for one loaded at run time, the library's folder and
/// name for one in folders, what pkg-config says for a package, and the sources
/// compiled with `cc` for one in sources.
fn link_c(root: &Path, wrapper: &Wrapper, shim: Option<PathBuf>) -> Result<()> {
    let mut link_dirs = Vec::new();
    let mut include_dirs = wrapper.include_dirs(root);
    match &wrapper.library {
        Library::Loaded { .. } => {}
        Library::Existing {
            lib_dir, lib_name, ..
        } => {
            let lib_dir = root.join(lib_dir);
            if !lib_dir.is_dir() {
                return Err(Error::Library(format!(
                    "the folder `{}` does not exist: fix `lib-dir` in {WRAPPER_TOML}",
                    lib_dir.display()
                )));
            }
            println!("cargo:rustc-link-search=native={}", lib_dir.display());
            println!("cargo:rustc-link-lib={lib_name}");
            link_dirs.push(lib_dir);
        }
        Library::PkgConfig { package } => {
            let (includes, libs) = pkg_config(package)?;
            include_dirs.extend(includes);
            link_dirs.extend(libs);
        }
        Library::Sources {
            folder,
            files,
            defines,
        } => {
            let sources = root.join(folder);
            let mut build = cc::Build::new();
            build.include(sources.join("include"));
            for file in files {
                build.file(sources.join(file));
            }
            for define in defines {
                build.define(define, None);
            }
            println!("cargo:rerun-if-changed={}", sources.display());
            build.compile("refcount_c_sources");
        }
    }
    if let Some(shim) = shim {
        cc::Build::new()
            .file(shim)
            .includes(include_dirs)
            .warnings(false)
            .compile("refcount_c_shim");
    }
    if std::env::var("CARGO_CFG_TARGET_FAMILY").as_deref() == Ok("unix") {
        for dir in link_dirs {
            println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir.display());
        }
    }
    Ok(())
}

/// Finds `package` with pkg-config: its include and library folders (pkg-config
/// prints the link flags for cargo).
#[cfg(feature = "pkg-config")]
fn pkg_config(package: &str) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let library = pkg_config::Config::new().probe(package).map_err(|err| {
        Error::Library(format!(
            "pkg-config cannot find `{package}`: install its development package, or point \
             PKG_CONFIG_PATH at the folder of its `{package}.pc`\n{err}"
        ))
    })?;
    Ok((library.include_paths, library.link_paths))
}

#[cfg(not(feature = "pkg-config"))]
fn pkg_config(package: &str) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    Err(Error::Library(format!(
        "{WRAPPER_TOML} finds `{package}` with pkg-config: enable refcount-build's \
         `pkg-config` feature in Cargo.toml's [build-dependencies]"
    )))
}

/// The package name in the `Cargo.toml` of the crate at `root`.
pub fn package_name(root: &Path) -> Result<String> {
    let path = root.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    let missing = || Error::Toml {
        path: path.clone(),
        message: "no `package.name`".to_owned(),
    };
    let table = toml::de::DeTable::parse(&text).map_err(|err| Error::Toml {
        path: path.clone(),
        message: err.to_string(),
    })?;
    let package = table.get_ref().get("package").ok_or_else(missing)?;
    match package.get_ref() {
        toml::de::DeValue::Table(package) => match package.get("name").map(|n| n.get_ref()) {
            Some(toml::de::DeValue::String(name)) => Ok(name.to_string()),
            _ => Err(missing()),
        },
        _ => Err(missing()),
    }
}

/// Writes the code that `build()` generates for the crate at `root` into `folder`,
/// for reading (what `new-wrapper expand` does); returns the files written.
pub fn expand(root: &Path, options: Options, folder: &Path) -> Result<Vec<PathBuf>> {
    let wrapper = Wrapper::load(&root.join(WRAPPER_TOML))?;
    write_files(files_of(&wrapper, &package_name(root)?, options)?, folder)
}
