//! What a handle costs, side by side over the same C++ dogs, in one run.
//!
//! `cargo bench -p refcount-bench` times each operation of `refcount_bench::ops` for
//! every contender, then prints a table of ns/op with the ratio to the raw FFI calls
//! (the limit). Criterion options pass through: `cargo bench -p refcount-bench -- --quick`.

use std::path::PathBuf;

use criterion::Criterion;
use refcount_bench::ops::{self, Dogs};
use refcount_bench::with_ops;

fn output_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("criterion")
}

/// The mean time per iteration criterion estimated for `group/id`, in ns.
fn mean_ns(group: &str, id: &str) -> Option<f64> {
    let path = output_dir().join(group).join(id).join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

/// Times every operation, each group in a criterion group of its own.
fn bench_all(c: &mut Criterion, dogs: &Dogs) {
    macro_rules! bench {
        ($(($group:literal, $id:literal, $label:literal, $op:ident)),* $(,)?) => {
            for name in ["create_release", "clone_drop", "call"] {
                let mut group = c.benchmark_group(name);
                $(
                    if $group == name {
                        // A direct call, as a user's code would make.
                        group.bench_function($id, |b| b.iter(|| ops::$op(dogs)));
                    }
                )*
                group.finish();
            }
        };
    }
    with_ops!(bench);
}

fn print_table() {
    macro_rules! rows {
        ($(($group:literal, $id:literal, $label:literal, $op:ident)),* $(,)?) => {
            [$(($group, $id, $label)),*]
        };
    }
    println!("\n| operation | contender | ns/op | ratio to raw |");
    println!("|---|---|---:|---:|");
    let mut baseline = (None, "");
    for (group, id, label) in with_ops!(rows) {
        let Some(ns) = mean_ns(group, id) else {
            continue;
        };
        if group != baseline.1 {
            baseline = (Some(ns), group);
        }
        let ratio = baseline
            .0
            .map_or(String::new(), |base| format!("{:.2}", ns / base));
        println!(
            "| {} | {label} | {ns:.2} | {ratio} |",
            group.replace('_', " + ")
        );
    }
}

fn main() {
    let mut c = Criterion::default()
        .output_directory(&output_dir())
        .configure_from_args();
    let dogs = Dogs::new();
    bench_all(&mut c, &dogs);
    c.final_summary();
    drop(dogs);
    let live = (
        dog_cxx::Dog::num_dogs(),
        dog_dynamic::Dog::num_dogs().unwrap(),
    );
    assert_eq!(live, (0, 0), "a benchmark leaked dogs");
    print_table();
}
