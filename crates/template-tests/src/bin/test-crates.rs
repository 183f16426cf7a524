//! `test-crates OUT`: builds the test libraries and generates the crates that wrap
//! them, into OUT: by hand-written answers (`geo-answered`, `store-answered`,
//! `zoo-answered`, with their library's own tests) and by reading their headers
//! (`geo-read`, `store-read`, and `canvas-read` with its library's own tests), and
//! the crates of the installed libraries (`REAL_LIBRARIES`, and `REAL_C_LIBRARIES`
//! linked and loaded), with the programs
//! written against them (`real/`). `ci/valgrind.sh` runs their tests under valgrind.

use std::path::PathBuf;
use std::process::ExitCode;

use new_wrapper::{generate, Answers};
use template_tests::libraries::{
    add_real_test, add_tests, build, geo_answers, installed_answers, installed_c_answers,
    read_answers, store_answers, zoo_answers, REAL_C_LIBRARIES, REAL_LIBRARIES,
};
use template_tests::template_dir;

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: test-crates OUT");
        return ExitCode::FAILURE;
    };
    let geo = build("geo", &out.join("libraries"));
    let store = build("store", &out.join("libraries"));
    let zoo = build("zoo", &out.join("libraries"));
    let canvas = build("canvas", &out.join("libraries"));
    // A crate gets its library's hand-written tests when they are written for it
    // (`None`: read from a header whose names those tests do not know).
    let crates: [(&str, Answers, Option<&str>); 6] = [
        (
            "geo-answered",
            geo_answers("geo-answered", geo.existing()),
            Some("geo"),
        ),
        (
            "store-answered",
            store_answers("store-answered", store.existing()),
            Some("store"),
        ),
        (
            "zoo-answered",
            zoo_answers("zoo-answered", zoo.existing()),
            Some("zoo"),
        ),
        (
            "geo-read",
            read_answers("geo-read", &geo, &["geo/shape.hpp"]),
            None,
        ),
        (
            "store-read",
            read_answers("store-read", &store, &["store/store.hpp"]),
            None,
        ),
        (
            "canvas-read",
            read_answers("canvas-read", &canvas, &["canvas/canvas.hpp"]),
            Some("canvas"),
        ),
    ];
    // The installed libraries' crates, each with its program.
    let mut real: Vec<(&str, String, Answers)> = REAL_LIBRARIES
        .iter()
        .map(|real| {
            let name = format!("{}-read", real.library);
            (real.library, name.clone(), installed_answers(&name, *real))
        })
        .collect();
    for c in REAL_C_LIBRARIES {
        for loaded in [false, true] {
            let name = format!("{}-{}", c.library, if loaded { "loaded" } else { "linked" });
            real.push((
                c.library,
                name.clone(),
                installed_c_answers(&name, c, loaded),
            ));
        }
    }
    for (library, name, answers) in real {
        match generate(&template_dir(), &answers, &out.join(&name)) {
            Ok(folder) => {
                add_real_test(library, &folder, &name);
                println!("{}", folder.display());
            }
            Err(err) => {
                eprintln!("error: generating {name}: {err}");
                return ExitCode::FAILURE;
            }
        }
    }
    for (name, answers, tests_of) in crates {
        match generate(&template_dir(), &answers, &out.join(name)) {
            Ok(folder) => {
                if let Some(library) = tests_of {
                    add_tests(library, &folder, name);
                }
                println!("{}", folder.display());
            }
            Err(err) => {
                eprintln!("error: generating {name}: {err}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
