//! What a handle costs, side by side over the same C++ dogs, in one run.
//!
//! `cargo bench -p refcount-bench` measures each operation for every contender, then
//! prints a table of ns/op with the ratio to the raw FFI calls (the limit). Criterion
//! options pass through: `cargo bench -p refcount-bench -- --quick`.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use criterion::{measurement::WallTime, BenchmarkGroup, Criterion};
use dog_cxx::ffi;
use refcount::{Counted, Owned, Shared};
use refcount_bench::{linked, shared, HandDog};

/// (group, id, label): the rows of the table, in order; the first of each group is
/// its baseline.
const ROWS: &[(&str, &str, &str)] = &[
    ("create_release", "raw", "raw FFI: new + release"),
    ("create_release", "owned", "Owned"),
    ("create_release", "shared", "Shared"),
    ("create_release", "counted", "Counted"),
    ("create_release", "arc", "Arc<hand-written>"),
    ("create_release", "shared_ptr", "cxx::SharedPtr"),
    ("create_release", "linked_c", "C API, linked"),
    ("create_release", "dynamic_raw", "C API, loaded (dynamic)"),
    (
        "create_release",
        "dynamic_shared",
        "dynamic Shared (dog-dynamic)",
    ),
    ("clone_drop", "raw", "raw FFI: add_ref + release"),
    ("clone_drop", "shared", "Shared"),
    ("clone_drop", "counted", "Counted"),
    ("clone_drop", "arc", "Arc<hand-written>"),
    ("clone_drop", "shared_ptr", "cxx::SharedPtr"),
    ("clone_drop", "linked_c", "C API, linked"),
    ("clone_drop", "dynamic_raw", "C API, loaded (dynamic)"),
    (
        "clone_drop",
        "dynamic_shared",
        "dynamic Shared (dog-dynamic)",
    ),
    ("call", "raw", "raw FFI: position()"),
    ("call", "owned", "Owned"),
    ("call", "shared", "Shared"),
    ("call", "counted_lease", "Counted, a lease per call"),
    ("call", "arc", "Arc<hand-written>"),
    ("call", "shared_ptr", "cxx::SharedPtr"),
    ("call", "linked_c", "C API, linked"),
    ("call", "dynamic_raw", "C API, loaded (dynamic)"),
    ("call", "dynamic_shared", "dynamic Shared (dog-dynamic)"),
];

fn new_raw() -> *mut ffi::Dog {
    ffi::new_dog()
}

/// A new dog's one reference, adopted by handle `H`.
fn adopt<H: refcount::Handle<Target = ffi::Dog>>() -> H {
    // SAFETY: `new_dog` returns a new dog with one reference, which `H` takes over.
    unsafe { H::adopt(new_raw()) }.unwrap()
}

/// The raw limit: a new dog, released at once.
fn raw_create_release() {
    // SAFETY: the new dog's one reference is released once.
    unsafe { ffi::dog_release(black_box(new_raw())) }
}

fn create_release(g: &mut BenchmarkGroup<'_, WallTime>) {
    g.bench_function("raw", |b| b.iter(raw_create_release));
    g.bench_function("owned", |b| {
        b.iter(|| drop(black_box(adopt::<Owned<ffi::Dog>>())))
    });
    g.bench_function("shared", |b| {
        b.iter(|| drop(black_box(adopt::<Shared<ffi::Dog>>())))
    });
    g.bench_function("counted", |b| {
        b.iter(|| drop(black_box(adopt::<Counted<ffi::Dog>>())))
    });
    g.bench_function("arc", |b| {
        b.iter(|| drop(black_box(Arc::new(HandDog::new()))))
    });
    g.bench_function("shared_ptr", |b| {
        b.iter(|| drop(black_box(shared::new_shared_dog())))
    });
    g.bench_function("linked_c", |b| {
        // SAFETY: as above, through the linked C API.
        b.iter(|| unsafe { linked::release(black_box(linked::create_dog())) })
    });
    let api = dog_dynamic::api().expect("the sample library loads");
    g.bench_function("dynamic_raw", |b| {
        // SAFETY: as above, through the loaded C API.
        b.iter(|| unsafe { api.release.call(black_box(api.create_dog.call())) })
    });
    g.bench_function("dynamic_shared", |b| {
        b.iter(|| drop(black_box(dog_dynamic::Dog::new().unwrap())))
    });
}

fn clone_drop(g: &mut BenchmarkGroup<'_, WallTime>) {
    let raw = new_raw();
    g.bench_function("raw", |b| {
        // SAFETY: `raw` stays alive (its own reference is released at the end).
        b.iter(|| unsafe {
            ffi::dog_add_ref(black_box(raw));
            ffi::dog_release(black_box(raw));
        })
    });
    let shared = adopt::<Shared<ffi::Dog>>();
    g.bench_function("shared", |b| b.iter(|| drop(black_box(shared.clone()))));
    let counted = adopt::<Counted<ffi::Dog>>();
    g.bench_function("counted", |b| b.iter(|| drop(black_box(counted.clone()))));
    let arc = Arc::new(HandDog::new());
    g.bench_function("arc", |b| b.iter(|| drop(black_box(arc.clone()))));
    let shared_ptr = shared::new_shared_dog();
    g.bench_function("shared_ptr", |b| {
        b.iter(|| drop(black_box(shared_ptr.clone())))
    });
    // SAFETY: a new dog, released at the end.
    let linked_raw = unsafe { linked::create_dog() };
    g.bench_function("linked_c", |b| {
        // SAFETY: `linked_raw` stays alive.
        b.iter(|| unsafe {
            linked::add_reference(black_box(linked_raw));
            linked::release(black_box(linked_raw));
        })
    });
    let api = dog_dynamic::api().expect("the sample library loads");
    // SAFETY: a new dog, released at the end.
    let dynamic_raw = unsafe { api.create_dog.call() };
    g.bench_function("dynamic_raw", |b| {
        // SAFETY: `dynamic_raw` stays alive.
        b.iter(|| unsafe {
            api.add_reference.call(black_box(dynamic_raw));
            api.release.call(black_box(dynamic_raw));
        })
    });
    let dynamic = dog_dynamic::Dog::new().unwrap();
    g.bench_function("dynamic_shared", |b| {
        b.iter(|| drop(black_box(dynamic.clone())))
    });
    // SAFETY: the raw dogs' own references, released once.
    unsafe {
        ffi::dog_release(raw);
        linked::release(linked_raw);
        api.release.call(dynamic_raw);
    }
}

fn call(g: &mut BenchmarkGroup<'_, WallTime>) {
    let raw = new_raw();
    // SAFETY: `raw` is alive until the end of this function.
    let raw_ref = unsafe { &*raw };
    g.bench_function("raw", |b| b.iter(|| ffi::dog_position(black_box(raw_ref))));
    let owned = adopt::<Owned<ffi::Dog>>();
    g.bench_function("owned", |b| {
        b.iter(|| ffi::dog_position(black_box(&owned).get()))
    });
    let shared = adopt::<Shared<ffi::Dog>>();
    g.bench_function("shared", |b| {
        b.iter(|| ffi::dog_position(black_box(&shared).get()))
    });
    let counted = adopt::<Counted<ffi::Dog>>();
    g.bench_function("counted_lease", |b| {
        b.iter(|| ffi::dog_position(&black_box(&counted).lease().unwrap()))
    });
    let arc = Arc::new(HandDog::new());
    g.bench_function("arc", |b| b.iter(|| black_box(&arc).position()));
    let shared_ptr = shared::new_shared_dog();
    g.bench_function("shared_ptr", |b| {
        b.iter(|| shared::shared_dog_position(black_box(&shared_ptr)))
    });
    // SAFETY: a new dog, released at the end.
    let linked_raw = unsafe { linked::create_dog() };
    g.bench_function("linked_c", |b| {
        // SAFETY: `linked_raw` stays alive.
        b.iter(|| unsafe { linked::get_dog_position(black_box(linked_raw)) })
    });
    let api = dog_dynamic::api().expect("the sample library loads");
    // SAFETY: a new dog, released at the end.
    let dynamic_raw = unsafe { api.create_dog.call() };
    g.bench_function("dynamic_raw", |b| {
        // SAFETY: `dynamic_raw` stays alive.
        b.iter(|| unsafe { api.get_dog_position.call(black_box(dynamic_raw)) })
    });
    let dynamic = dog_dynamic::Dog::new().unwrap();
    g.bench_function("dynamic_shared", |b| {
        b.iter(|| black_box(&dynamic).position())
    });
    // SAFETY: the raw dogs' own references, released once.
    unsafe {
        ffi::dog_release(raw);
        linked::release(linked_raw);
        api.release.call(dynamic_raw);
    }
}

fn output_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("criterion")
}

/// The mean time per iteration criterion estimated for `group/id`, in ns.
fn mean_ns(group: &str, id: &str) -> Option<f64> {
    let path = output_dir().join(group).join(id).join("new/estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

fn print_table() {
    println!("\n| operation | contender | ns/op | ratio to raw |");
    println!("|---|---|---:|---:|");
    let mut baseline = None;
    let mut last_group = "";
    for &(group, id, label) in ROWS {
        let Some(ns) = mean_ns(group, id) else {
            continue;
        };
        if group != last_group {
            baseline = Some(ns);
            last_group = group;
        }
        let ratio = baseline.map_or(String::new(), |base| format!("{:.2}", ns / base));
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
    for (name, bench) in [
        (
            "create_release",
            create_release as fn(&mut BenchmarkGroup<'_, WallTime>),
        ),
        ("clone_drop", clone_drop),
        ("call", call),
    ] {
        let mut group = c.benchmark_group(name);
        bench(&mut group);
        group.finish();
    }
    c.final_summary();
    assert_eq!(
        (dog_cxx::num_dogs(), dog_dynamic::num_dogs().unwrap()),
        (0, 0),
        "a benchmark leaked dogs"
    );
    print_table();
}
