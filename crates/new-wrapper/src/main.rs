//! `new-wrapper FOLDER`: scaffolds a wrapper crate around a C++ library from the kit's
//! template (reading the library's headers when asked), then builds it and runs its
//! tests and examples; `new-wrapper update` and `expand` keep one up to date and show
//! its generated code. The command line only: the work is the library's.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use new_wrapper::header::ClassRequest;
use new_wrapper::options::{self, Options};
use new_wrapper::template::Extracted;
use new_wrapper::{generate, Error, Library, RefcountSource};
use refcount_build::model::{Language, Status, StringClass};
use refcount_build::Method;

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

  # A C library that pkg-config finds; print the answers without writing anything:
  new-wrapper ../cairo-wrapper --pkg-config cairo --header cairo/cairo.h --dry-run

  # A C library loaded at run time (nothing linked), one status answered:
  new-wrapper ../sqlite-wrapper --pkg-config sqlite3 --header sqlite3.h --loaded \\
      --status 'sqlite_step : int ok(SQLITE_ROW = 100, SQLITE_DONE = 101) message(sqlite3_errmsg(sqlite3))' \\
      --method 'sqlite3_stmt.sqlite3_step() -> sqlite_step'

  # After a new version of the library's headers, and to read the generated code:
  new-wrapper update ../geo-wrapper
  new-wrapper expand ../geo-wrapper

The forms of --class and --method are in the template's README (template/README.md in the
kit's repository, and the tutorial book).";

/// Scaffold a wrapper crate around a C++ library (with cxx) or a C library (linked or
/// loaded), with refcount handles.
#[derive(Parser)]
#[command(
    version,
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Step>,
    #[command(flatten)]
    new: New,
}

#[derive(Subcommand)]
enum Step {
    /// Read a generated crate's headers again, and merge what changed into its
    /// wrapper.toml (keeping your entries); the next build follows it.
    Update {
        /// The crate's folder.
        folder: PathBuf,
    },
    /// Write out the code that a generated crate's build generates, for reading.
    Expand {
        /// The crate's folder.
        folder: PathBuf,
        /// Where to write it [default: FOLDER/target/expanded].
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Args)]
struct New {
    /// The folder to create; its name is the crate name unless --name is given.
    #[arg(required = true)]
    folder: Option<PathBuf>,
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
    classes: Vec<ClassRequest>,
    /// A method to bind: CLASS.NAME(TYPES) [const] [static] [-> TYPE] [throws]
    /// (repeat for more); it replaces a method read from the headers with the same
    /// parameter types.
    #[arg(long = "method", value_name = "ANSWER")]
    methods: Vec<Method>,
    /// One of the library's own string classes, by its UTF-8 conversions: NAME : TO /
    /// FROM, where `value.TO()` gives the bytes and `NAME::FROM(data, size)` makes
    /// one (`poppler::ustring : to_utf8 / from_utf8`); members that take or return
    /// it are bound with `&str` and `String` (repeat for more).
    #[arg(long = "string-class", value_name = "ANSWER")]
    strings: Vec<StringClass>,
    /// A class template of the library that is an intrusive smart pointer (holds a
    /// count of a self-counting object, gives it with `get()`), such as `geo::ref`;
    /// members returning one return a handle with its own count. The well-known
    /// ones (`boost::intrusive_ptr`, `sk_sp`, ...) need no answer (repeat for more).
    #[arg(long = "smart-pointer", value_name = "TEMPLATE")]
    smart_pointers: Vec<String>,
    /// The headers' language [default: C++, or C for `.h` headers that declare no
    /// class].
    #[arg(long, value_parser = ["c", "c++"])]
    language: Option<String>,
    /// Load the C library when the program first uses it (through
    /// `refcount::dynamic`), instead of linking it: found by its name, pinned to the
    /// major version found now.
    #[arg(long)]
    loaded: bool,
    /// A C library's status code: NAME : TYPE ok(CONSTANT = VALUE, ...)
    /// [message(FUNCTION(ARG))]; functions returning NAME return `Result` (repeat
    /// for more). Answers win over the statuses read from the headers.
    #[arg(long = "status", value_name = "ANSWER")]
    statuses: Vec<Status>,
    /// The C function that frees the strings a C library returns for the caller to
    /// free (`-> new char*`) [default: read from the headers, or `free`].
    #[arg(long)]
    string_free: Option<String>,
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
    /// A system package the library comes from, installed by the crate's CI
    /// workflow (repeat for more), such as `libpoppler-cpp-dev`.
    #[arg(long = "system-package", value_name = "PACKAGE")]
    system_packages: Vec<String>,
    /// Depend on refcount and refcount-build with this version requirement, from
    /// crates.io [default: this command's own version].
    #[arg(long, conflicts_with_all = ["refcount_git", "refcount_path"])]
    refcount_version: Option<String>,
    /// Depend on refcount and refcount-build from this git repository of the kit.
    #[arg(long, conflicts_with = "refcount_path")]
    refcount_git: Option<String>,
    /// Depend on the refcount crate in this folder, and on the refcount-build beside
    /// it (a checkout of the kit: `KIT/crates/refcount`).
    #[arg(long, value_name = "DIR")]
    refcount_path: Option<PathBuf>,
    /// Render this template folder instead of the one this command carries (a
    /// modified copy of the kit's `template`).
    #[arg(long, value_name = "DIR")]
    template: Option<PathBuf>,
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

impl New {
    /// Where the crate's `refcount` comes from, if answered (clap lets one through).
    fn refcount_source(&self) -> Option<RefcountSource> {
        if let Some(path) = &self.refcount_path {
            // The generated build runs in the new crate's folder: no relative paths.
            let path = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            return Some(RefcountSource::Path(path.display().to_string()));
        }
        self.refcount_git
            .clone()
            .map(RefcountSource::Git)
            .or_else(|| self.refcount_version.clone().map(RefcountSource::Version))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let done = match &cli.command {
        Some(Step::Update { folder }) => update(folder),
        Some(Step::Expand { folder, out }) => expand(folder, out.as_deref()),
        None => new(&cli.new),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn update(folder: &Path) -> Result<(), Error> {
    let updated = new_wrapper::update::update(folder)?;
    for added in &updated.added {
        eprintln!("    added   {added}");
    }
    for removed in &updated.removed {
        eprintln!("    removed {removed} (no longer in the headers)");
    }
    eprintln!(
        "updated {}/wrapper.toml: {} added, {} removed, {} kept, {} left out; `cargo build` \
         follows it",
        folder.display(),
        updated.added.len(),
        updated.removed.len(),
        updated.kept,
        updated.skipped.len()
    );
    Ok(())
}

fn expand(folder: &Path, out: Option<&Path>) -> Result<(), Error> {
    let out = out.map_or_else(|| folder.join("target/expanded"), Path::to_owned);
    let files = refcount_build::expand(folder, Default::default(), &out).map_err(Error::Wrapper)?;
    for file in files {
        println!("{}", file.display());
    }
    Ok(())
}

fn new(cli: &New) -> Result<(), Error> {
    let folder = cli.folder.clone().expect("clap requires the folder");
    let name = cli.name.clone().unwrap_or_else(|| {
        folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    if folder.exists() && !cli.dry_run {
        return Err(Error::Exists(folder));
    }
    let (answers, report) = options::answers(&Options {
        name: name.clone(),
        namespace: cli.namespace.clone(),
        headers: cli.headers.clone(),
        classes: cli.classes.clone(),
        methods: cli.methods.clone(),
        strings: cli.strings.clone(),
        smart_pointers: cli.smart_pointers.clone(),
        no_read: cli.no_read,
        include_dir: cli.include_dir.clone(),
        lib_dir: cli.lib_dir.clone(),
        lib_name: cli.lib_name.clone(),
        pkg_config: cli.pkg_config.clone(),
        system_packages: cli.system_packages.clone(),
        refcount: cli.refcount_source(),
        no_ci: cli.no_ci,
        language: cli.language.as_deref().map(|l| match l {
            "c" => Language::C,
            _ => Language::Cpp,
        }),
        loaded: cli.loaded,
        statuses: cli.statuses.clone(),
        string_free: cli.string_free.clone(),
    })?;
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    if let Some((read, parse)) = report.read_time {
        eprintln!(
            "==> read {} in {read:.2?} (libclang parsing: {parse:.2?})",
            cli.headers.join(", ")
        );
    }
    let plan = options::plan_lines(&answers);
    if cli.dry_run {
        answers.check()?;
        print!("{}", answers.values_file());
        eprintln!();
        plan.iter().for_each(|line| eprintln!("    {line}"));
        return Ok(());
    }

    eprintln!("==> generating `{name}` in {}", folder.display());
    plan.iter().for_each(|line| eprintln!("    {line}"));
    let carried;
    let template = match &cli.template {
        Some(dir) => dir.as_path(),
        None => {
            carried = Extracted::new().map_err(|err| {
                Error::Usage(format!(
                    "cannot write the template to a temporary folder: {err}"
                ))
            })?;
            carried.path()
        }
    };
    let folder = {
        // cargo-generate reports every answer on stderr; a refusal comes back as an
        // error, so nothing is lost in keeping it quiet.
        #[cfg(unix)]
        let _quiet = gag::Gag::stderr().ok();
        generate(template, &answers, &folder)
    }?;
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
    // The cargo that runs this command (`cargo run`), else the one on the PATH: an
    // installed binary may outlive the toolchain that built it.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut tests = 0;
    for (what, args) in steps {
        eprintln!("==> {what} (cargo {})", args.join(" "));
        let start = Instant::now();
        let output = Command::new(&cargo)
            .args(&args)
            .current_dir(&folder)
            .stderr(std::process::Stdio::inherit())
            .output()
            .map_err(|err| Error::Usage(format!("cannot run cargo: {err}")))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        print!("{stdout}");
        if !output.status.success() {
            return Err(Error::Usage(format!(
                "`cargo {}` failed ({}) in {}",
                args.join(" "),
                output.status,
                folder.display()
            )));
        }
        tests += passed(&stdout);
        eprintln!("    ok in {:.1?}", start.elapsed());
    }
    if tests == 0 {
        eprintln!(
            "\nYour wrapper crate builds in {}, but no test ran: no constructor the generator \
             can call without inventing an argument makes an object, so nothing was made and \
             released. Write a test of your own under tests/ (its README shows one).",
            folder.display()
        );
    } else {
        eprintln!(
            "\nYour wrapper crate is ready in {} ({tests} tests passed): read its README.md for \
             what is bound, what is left by hand and the next steps.",
            folder.display()
        );
    }
    Ok(())
}

/// How many tests cargo's output says passed.
fn passed(stdout: &str) -> usize {
    stdout
        .lines()
        .filter_map(|line| line.strip_prefix("test result: ok. "))
        .filter_map(|rest| rest.split(' ').next()?.parse::<usize>().ok())
        .sum()
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
