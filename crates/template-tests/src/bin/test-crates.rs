//! `test-crates OUT`: builds the test libraries and generates the crates that wrap
//! them, into OUT: by hand-written answers (`geo-answered`, `store-answered`,
//! `zoo-answered`, with its kept-connection test) and by reading their headers
//! (`geo-read`, `store-read`). `ci/valgrind.sh` runs their tests under valgrind.

use std::path::PathBuf;
use std::process::ExitCode;

use new_wrapper::{generate, template_dir, Answers};
use template_tests::libraries::{
    add_zoo_kept_test, build, geo_answers, read_answers, store_answers, zoo_answers,
};
use template_tests::set_author;

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: test-crates OUT");
        return ExitCode::FAILURE;
    };
    set_author();
    let geo = build("geo", &out.join("libraries"));
    let store = build("store", &out.join("libraries"));
    let zoo = build("zoo", &out.join("libraries"));
    let crates: [(&str, Answers); 5] = [
        ("geo-answered", geo_answers("geo-answered", geo.existing())),
        (
            "store-answered",
            store_answers("store-answered", store.existing()),
        ),
        ("zoo-answered", zoo_answers("zoo-answered", zoo.existing())),
        (
            "geo-read",
            read_answers("geo-read", &geo, &["geo/shape.hpp"]),
        ),
        (
            "store-read",
            read_answers("store-read", &store, &["store/store.hpp"]),
        ),
    ];
    for (name, answers) in crates {
        match generate(&template_dir(), &answers, &out.join(name)) {
            Ok(folder) => {
                if name == "zoo-answered" {
                    add_zoo_kept_test(&folder, name);
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
