//! Instructions per operation, counted by callgrind: exact and repeatable where
//! timings on a shared machine are not.
//!
//! `crates/refcount-bench/instructions.sh` runs this under
//! `valgrind --tool=callgrind` for each operation and prints the table; by hand:
//! `instructions OP N` runs operation OP (a function name of `refcount_bench::ops`)
//! N times; `instructions --list` lists the operations.

use std::process::ExitCode;

use refcount_bench::ops::{self, Dogs};
use refcount_bench::with_ops;

/// Runs `op` `times` times: generic, so each operation is called directly.
fn repeat(op: impl Fn(&Dogs), dogs: &Dogs, times: u64) {
    for _ in 0..times {
        op(dogs);
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--list") {
        macro_rules! list {
            ($(($group:literal, $id:literal, $label:literal, $op:ident)),* $(,)?) => {
                $(println!("{}\t{}\t{}", $group, stringify!($op), $label);)*
            };
        }
        with_ops!(list);
        return ExitCode::SUCCESS;
    }
    let (Some(name), Some(times)) = (args.get(1), args.get(2).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: instructions OP N   (OP: nothing, or a function of refcount_bench::ops)");
        return ExitCode::FAILURE;
    };
    let dogs = Dogs::new();
    macro_rules! dispatch {
        ($(($group:literal, $id:literal, $label:literal, $op:ident)),* $(,)?) => {
            match name.as_str() {
                "nothing" => repeat(ops::nothing, &dogs, times),
                $(stringify!($op) => repeat(ops::$op, &dogs, times),)*
                _ => {
                    eprintln!("unknown operation `{name}`");
                    return ExitCode::FAILURE;
                }
            }
        };
    }
    with_ops!(dispatch);
    ExitCode::SUCCESS
}
