//! `new-wrapper FOLDER`: scaffolds a wrapper crate around a C++ library from the kit's
//! template (reading the library's headers when asked), then builds it and runs its
//! tests and examples.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use clap::Parser;
use new_wrapper::header::{self, Request};
use new_wrapper::{generate, kit_root, template_dir, Answers, Library, RefcountSource};

const EXAMPLES: &str = "\
Examples:
  # The bundled sample library (dog and owner):
  new-wrapper ../my-wrapper

  # A library of yours, read from its header:
  new-wrapper ../geo-wrapper --header geo/shape.hpp \\
      --include-dir /opt/geo/include --lib-dir /opt/geo/lib --lib-name geo

  # The same, answered by hand (no libclang needed):
  new-wrapper ../geo-wrapper --namespace geo --header geo/shape.hpp --no-read \\
      --include-dir /opt/geo/include --lib-dir /opt/geo/lib --lib-name geo \\
      --class 'shape=intrusive(retain,release) new(double)' \\
      --method 'shape.area() const -> double'

  # A library that pkg-config finds; print the answers without writing anything:
  new-wrapper ../cairo-wrapper --pkg-config cairo --header cairo/cairo.h --dry-run

The forms of --class and --method are in the template's README (template/README.md).";

/// Scaffold a wrapper crate around a C++ library with cxx and refcount.
#[derive(Parser)]
#[command(version, after_help = EXAMPLES)]
struct Cli {
    /// The folder to create; its name is the crate name unless --name is given.
    folder: PathBuf,
    /// The crate name.
    #[arg(long)]
    name: Option<String>,
    /// The C++ namespace of the classes [default: read from the headers, or the
    /// template's, `testnative`].
    #[arg(long)]
    namespace: Option<String>,
    /// A header to include and read, relative to --include-dir (repeat for more).
    #[arg(long = "header", value_name = "HEADER")]
    headers: Vec<String>,
    /// A class to wrap: NAME=OWNERSHIP [new(TYPES)] [send] [sync], or just NAME to
    /// infer its ownership from the headers (repeat for more). Answers win over what
    /// the headers say.
    #[arg(long = "class", value_name = "ANSWER")]
    classes: Vec<String>,
    /// A method to bind: CLASS.NAME(TYPES) [const] [static] [-> TYPE] [throws]
    /// (repeat for more); it replaces a method read from the headers with the same
    /// parameter types.
    #[arg(long = "method", value_name = "ANSWER")]
    methods: Vec<String>,
    /// Do not read the headers: wrap only what --class and --method answer.
    #[arg(long)]
    no_read: bool,
    /// The folder with the library's headers (a prebuilt library).
    #[arg(long, requires = "lib_dir", conflicts_with = "pkg_config")]
    include_dir: Option<PathBuf>,
    /// The folder with the library's file (a prebuilt library).
    #[arg(long, requires_all = ["include_dir", "lib_name"])]
    lib_dir: Option<PathBuf>,
    /// The library's name: `geo` for libgeo.so.
    #[arg(long, requires = "lib_dir")]
    lib_name: Option<String>,
    /// The library's pkg-config package, instead of the folders.
    #[arg(long)]
    pkg_config: Option<String>,
    /// Depend on refcount with this version requirement (crates.io).
    #[arg(long, conflicts_with = "refcount_git")]
    refcount_version: Option<String>,
    /// Depend on refcount from this git repository.
    #[arg(long)]
    refcount_git: Option<String>,
    /// Leave out the GitHub Actions workflow.
    #[arg(long)]
    no_ci: bool,
    /// Print the answers (as a cargo-generate values file) and what would be
    /// generated; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Only generate: do not build, test and run the examples.
    #[arg(long)]
    no_build: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<(), String> {
    let name = cli.name.clone().unwrap_or_else(|| {
        cli.folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    if cli.folder.exists() && !cli.dry_run {
        return Err(format!(
            "`{}` exists already: choose a new folder",
            cli.folder.display()
        ));
    }
    let answers = answers(cli, &name)?;

    if cli.dry_run {
        print!("{}", answers.values_file());
        eprintln!();
        print_plan(&answers);
        return Ok(());
    }

    // cargo-generate always looks up an author (the template does not use it), and
    // fails where none is configured, as on CI machines without `$USER`.
    let author_vars = ["CARGO_NAME", "GIT_AUTHOR_NAME", "USER", "USERNAME"];
    if author_vars
        .iter()
        .all(|var| std::env::var_os(var).is_none())
    {
        std::env::set_var("CARGO_NAME", "wrapper author");
    }

    eprintln!("==> generating `{name}` in {}", cli.folder.display());
    print_plan(&answers);
    let folder = {
        // cargo-generate reports every answer on stderr; a refusal comes back as an
        // error, so nothing is lost in keeping it quiet.
        #[cfg(unix)]
        let _quiet = gag::Gag::stderr().ok();
        generate(&template_dir(), &answers, &cli.folder)
    }
    .map_err(|e| e.to_string())?;
    eprintln!("    files: {}", file_list(&folder).join(", "));
    if cli.no_build {
        eprintln!("done: {}", folder.display());
        return Ok(());
    }
    let mut steps = vec![
        ("building and testing", vec!["test"]),
        ("running the tour", vec!["run", "--example", "tour"]),
    ];
    if matches!(answers.library, Library::Bundled { .. }) {
        steps.push(("running the walk", vec!["run", "--example", "walk"]));
    }
    for (what, args) in steps {
        eprintln!("==> {what} (cargo {})", args.join(" "));
        let start = Instant::now();
        let status = Command::new(env!("CARGO"))
            .args(&args)
            .current_dir(&folder)
            .status()
            .map_err(|err| format!("cannot run cargo: {err}"))?;
        if !status.success() {
            return Err(format!(
                "`cargo {}` failed ({status}) in {}",
                args.join(" "),
                folder.display()
            ));
        }
        eprintln!("    ok in {:.1?}", start.elapsed());
    }
    eprintln!(
        "\nYour wrapper crate is ready in {}: read its README.md for what is bound, what is \
         left by hand and the next steps.",
        folder.display()
    );
    Ok(())
}

/// The answers the flags give, with what the headers hold when they are read.
fn answers(cli: &Cli, name: &str) -> Result<Answers, String> {
    let mut answers = Answers::defaults(name);
    answers.ci = !cli.no_ci;
    answers.refcount = match (&cli.refcount_version, &cli.refcount_git) {
        (Some(version), _) => RefcountSource::Version(version.clone()),
        (None, Some(url)) => RefcountSource::Git(url.clone()),
        (None, None) => {
            RefcountSource::Path(kit_root().join("crates/refcount").display().to_string())
        }
    };
    let include_dirs = match (
        &cli.include_dir,
        &cli.lib_dir,
        &cli.lib_name,
        &cli.pkg_config,
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
    if bundled && !(cli.headers.is_empty() && cli.classes.is_empty() && cli.methods.is_empty()) {
        return Err(
            "--header, --class and --method describe a library of yours: give its \
                    folders (--include-dir, --lib-dir, --lib-name) or --pkg-config"
                .to_owned(),
        );
    }
    if !bundled && cli.headers.is_empty() {
        return Err(
            "name the headers that declare the classes with --header (relative to \
                    the include folder)"
                .to_owned(),
        );
    }
    if let Some(namespace) = &cli.namespace {
        answers.cpp_namespace = namespace.clone();
    }
    if bundled {
        return Ok(answers);
    }
    answers.headers = cli.headers.clone();
    answers.classes = cli.classes.clone();
    answers.methods = Vec::new();

    let answered = !cli.classes.is_empty() && cli.classes.iter().all(|class| class.contains('='));
    if cli.no_read || (answered && !header::libclang_available()) {
        if !cli.no_read {
            eprintln!(
                "note: libclang is not installed, so the headers are not read: only the \
                 methods given with --method are bound (apt-get install libclang-dev to read them)"
            );
        }
        if cli.classes.is_empty() {
            return Err("without reading the headers, give each class with --class".to_owned());
        }
        if cli.namespace.is_none() {
            return Err(
                "without reading the headers, give the classes' namespace with \
                        --namespace"
                    .to_owned(),
            );
        }
        answers.methods = cli.methods.clone();
        return Ok(answers);
    }
    let request = Request {
        headers: cli.headers.clone(),
        include_dirs,
        namespace: cli.namespace.clone(),
        classes: cli.classes.clone(),
    };
    let start = Instant::now();
    let found = header::read(&request).map_err(|e| e.to_string())?;
    eprintln!(
        "==> read {} in {:.2?} (libclang parsing: {:.2?})",
        cli.headers.join(", "),
        start.elapsed(),
        found.parse_time
    );
    answers.cpp_namespace = found.namespace;
    answers.classes = found.classes;
    // A method answered with --method replaces the one read with the same parameter
    // types (its names, and what follows the parameters, may differ).
    let answered: Vec<String> = cli.methods.iter().map(|m| signature(m)).collect();
    answers.methods = found
        .methods
        .into_iter()
        .filter(|method| !answered.contains(&signature(method)))
        .chain(cli.methods.iter().cloned())
        .collect();
    answers.skipped = found.skipped;
    Ok(answers)
}

/// A method answer's class, name and parameter types, without the parameters' names
/// or spaces: `shape.scale(double)` for `shape.scale(double factor) throws`.
fn signature(method: &str) -> String {
    let (head, rest) = method.split_once('(').unwrap_or((method, ""));
    let params = rest.split(')').next().unwrap_or("");
    let types: Vec<String> = params
        .split(',')
        .map(|param| {
            let words: Vec<&str> = param.split_whitespace().collect();
            // A last word that is an identifier after a type is the parameter's name.
            let named = words.len() > 1
                && words.last().is_some_and(|w| {
                    w.chars().all(|c| c.is_alphanumeric() || c == '_')
                        && ![
                            "int", "long", "short", "char", "double", "float", "bool", "unsigned",
                            "signed",
                        ]
                        .contains(w)
                });
            let kept = if named {
                &words[..words.len() - 1]
            } else {
                &words[..]
            };
            kept.concat()
        })
        .collect();
    format!(
        "{}({})",
        head.split_whitespace().collect::<String>(),
        types.join(",")
    )
}

/// The include folders pkg-config gives for `package`.
fn pkg_config_include_dirs(package: &str) -> Result<Vec<PathBuf>, String> {
    let output = Command::new("pkg-config")
        .args(["--cflags-only-I", package])
        .output()
        .map_err(|e| format!("cannot run pkg-config: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "pkg-config does not know `{package}`: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .filter_map(|flag| flag.strip_prefix("-I"))
        .map(PathBuf::from)
        .collect())
}

/// What will be generated: the classes with their ownership, and what is bound.
fn print_plan(answers: &Answers) {
    for class in &answers.classes {
        let code = class.split('#').next().unwrap_or(class).trim();
        let (name, rest) = code.split_once('=').unwrap_or((code, ""));
        let ownership = rest.split_whitespace().next().unwrap_or("");
        let prefix = format!("{}.", name.split(" as ").next().unwrap_or(name).trim());
        let methods = answers
            .methods
            .iter()
            .filter(|m| m.trim_start().starts_with(&prefix))
            .count();
        let constructors = rest
            .split_whitespace()
            .filter(|w| w.starts_with("new"))
            .count();
        eprintln!(
            "    class {:<20} {ownership}, {constructors} constructor(s), {methods} method(s)",
            name.trim()
        );
    }
    if !answers.skipped.is_empty() {
        eprintln!(
            "    left out ({}, listed in the crate's README):",
            answers.skipped.len()
        );
        for skipped in &answers.skipped {
            eprintln!("      {skipped}");
        }
    }
}

/// The generated files, relative to `folder`.
fn file_list(folder: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut pending = vec![folder.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(folder) {
                files.push(relative.display().to_string());
            }
        }
    }
    files.sort();
    files
}
