//! `new-wrapper FOLDER`: scaffolds a wrapper crate around a C++ library from the kit's
//! template, then builds it and runs its example.

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::Instant;

use clap::Parser;
use new_wrapper::{generate, kit_root, template_dir, Answers, Library, RefcountSource};

/// Scaffold a wrapper crate around a C++ library with cxx and refcount.
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// The folder to create; its name is the crate name unless --name is given.
    folder: PathBuf,
    /// The crate name.
    #[arg(long)]
    name: Option<String>,
    /// The C++ namespace of the library to wrap [default: the template's, `testnative`].
    #[arg(long)]
    namespace: Option<String>,
    /// Link an existing prebuilt library instead of bundling the sample's sources:
    /// the folder with its headers.
    #[arg(long, requires_all = ["lib_dir"])]
    include_dir: Option<PathBuf>,
    /// The existing library's folder.
    #[arg(long, requires_all = ["include_dir"])]
    lib_dir: Option<PathBuf>,
    /// The existing library's name.
    #[arg(long, default_value = "testnative")]
    lib_name: String,
    /// Depend on refcount with this version requirement instead of this kit's path.
    #[arg(long)]
    refcount_version: Option<String>,
    /// Leave out the GitHub Actions workflow.
    #[arg(long)]
    no_ci: bool,
    /// Only generate: do not build, test and run the example.
    #[arg(long)]
    no_build: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let name = cli.name.clone().unwrap_or_else(|| {
        cli.folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let mut answers = Answers::defaults(&name);
    if let Some(namespace) = &cli.namespace {
        answers.cpp_namespace = namespace.clone();
    }
    answers.ci = !cli.no_ci;
    answers.refcount = match &cli.refcount_version {
        Some(version) => RefcountSource::Version(version.clone()),
        None => RefcountSource::Path(kit_root().join("crates/refcount").display().to_string()),
    };
    if let (Some(include_dir), Some(lib_dir)) = (&cli.include_dir, &cli.lib_dir) {
        answers.library = Library::Existing {
            include_dir: include_dir.clone(),
            lib_name: cli.lib_name.clone(),
            lib_dir: lib_dir.clone(),
        };
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

    println!("==> generating `{name}` in {}", cli.folder.display());
    let folder = match generate(&template_dir(), &answers, &cli.folder) {
        Ok(folder) => folder,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    if cli.no_build {
        println!("done: {}", folder.display());
        return ExitCode::SUCCESS;
    }
    for (what, args) in [
        ("building and testing", &["test"][..]),
        ("running the example", &["run", "--example", "walk"][..]),
    ] {
        println!("==> {what} (cargo {})", args.join(" "));
        let start = Instant::now();
        let status = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(&folder)
            .status();
        match status {
            Ok(status) if status.success() => println!("    ok in {:.0?}", start.elapsed()),
            Ok(status) => {
                eprintln!(
                    "error: `cargo {}` failed ({status}) in {}",
                    args.join(" "),
                    folder.display()
                );
                return ExitCode::FAILURE;
            }
            Err(err) => {
                eprintln!("error: cannot run cargo: {err}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!(
        "\nYour wrapper crate is ready in {}: read its README.md for the next steps.",
        folder.display()
    );
    ExitCode::SUCCESS
}
