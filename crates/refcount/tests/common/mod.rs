//! Native objects simulated in Rust, so that the tests (and Miri) see every release.
//!
//! A released object is not freed until its `Sim` is dropped: it is marked dead, so
//! a second release, or an add-reference after the last release, is counted as
//! misuse instead of being undefined behaviour the test could not see.
#![allow(dead_code)]

use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex};

use refcount::{Native, NativeCounted, Opaque, SendNative, SyncNative};

/// One simulated native object.
pub struct Obj {
    refs: AtomicIsize,
    dead: AtomicBool,
    releases: AtomicUsize,
    misuse: AtomicUsize,
}

impl Obj {
    pub fn refs(&self) -> isize {
        self.refs.load(SeqCst)
    }
    pub fn is_dead(&self) -> bool {
        self.dead.load(SeqCst)
    }
}

struct Ptr(*mut Obj);
// SAFETY: the objects are only touched through atomics.
unsafe impl Send for Ptr {}

/// The simulated native library: it makes objects and audits them.
#[derive(Default)]
pub struct Sim {
    objects: Mutex<Vec<Ptr>>,
}

impl Sim {
    pub fn new() -> Arc<Sim> {
        Arc::default()
    }

    /// A new object with one reference, the caller's (as a C `create_*` returns it).
    pub fn create(&self) -> *mut Obj {
        let obj = Box::new(Obj {
            refs: AtomicIsize::new(1),
            dead: AtomicBool::new(false),
            releases: AtomicUsize::new(0),
            misuse: AtomicUsize::new(0),
        });
        let ptr = Box::into_raw(obj);
        self.objects.lock().unwrap().push(Ptr(ptr));
        ptr
    }

    fn each<R>(&self, f: impl Fn(&Obj) -> R) -> Vec<R> {
        let objects = self.objects.lock().unwrap();
        // SAFETY: objects live until the `Sim` is dropped.
        objects.iter().map(|p| f(unsafe { &*p.0 })).collect()
    }

    pub fn created(&self) -> usize {
        self.objects.lock().unwrap().len()
    }

    /// Objects not released yet.
    pub fn live(&self) -> usize {
        self.each(|o| !o.is_dead())
            .into_iter()
            .filter(|&alive| alive)
            .count()
    }

    /// Releases past the last one, and add-references on dead objects.
    pub fn misuse(&self) -> usize {
        self.each(|o| o.misuse.load(SeqCst)).into_iter().sum()
    }

    /// How many times the native release freed an object.
    pub fn frees(&self) -> usize {
        self.each(|o| o.releases.load(SeqCst)).into_iter().sum()
    }

    /// Asserts that every object was freed exactly once and nothing was misused.
    pub fn assert_clean(&self) {
        assert_eq!(self.misuse(), 0, "double release or use after release");
        assert_eq!(self.live(), 0, "leaked native objects");
        assert_eq!(
            self.frees(),
            self.created(),
            "objects freed more or less than once"
        );
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        for p in self.objects.get_mut().unwrap().drain(..) {
            // SAFETY: made by `Box::into_raw` in `create`, freed only here.
            drop(unsafe { Box::from_raw(p.0) });
        }
    }
}

fn obj<'a>(ptr: NonNull<Opaque>) -> &'a Obj {
    // SAFETY: the tests only hand simulated objects to these types, alive until the Sim goes.
    unsafe { ptr.cast::<Obj>().as_ref() }
}

fn free(o: &Obj) {
    o.releases.fetch_add(1, SeqCst);
    if o.dead.swap(true, SeqCst) {
        o.misuse.fetch_add(1, SeqCst);
    }
}

/// An object without a count of its own (held through `Owned` or `Counted`).
pub enum Plain {}
// SAFETY: simulated: release marks the object dead and counts misuse.
unsafe impl Native for Plain {
    type Raw = Opaque;
    const TYPE_ID: &'static str = "test::plain";
    unsafe fn release(ptr: NonNull<Opaque>) {
        free(obj(ptr));
    }
}
// SAFETY: the simulated objects are atomics only.
unsafe impl SendNative for Plain {}
// SAFETY: as above.
unsafe impl SyncNative for Plain {}

/// An object with an intrusive count (held through `Shared`).
pub enum Refd {}
// SAFETY: simulated: one reference per release, free at zero.
unsafe impl Native for Refd {
    type Raw = Opaque;
    const TYPE_ID: &'static str = "test::refd";
    unsafe fn release(ptr: NonNull<Opaque>) {
        let o = obj(ptr);
        match o.refs.fetch_sub(1, SeqCst) {
            1 => free(o),
            n if n <= 0 => {
                o.misuse.fetch_add(1, SeqCst);
            }
            _ => {}
        }
    }
}
// SAFETY: simulated: adds one reference, counts misuse on dead objects.
unsafe impl NativeCounted for Refd {
    unsafe fn add_ref(ptr: NonNull<Opaque>) {
        let o = obj(ptr);
        if o.refs.fetch_add(1, SeqCst) <= 0 {
            o.misuse.fetch_add(1, SeqCst);
        }
    }
}
// SAFETY: the simulated objects are atomics only.
unsafe impl SendNative for Refd {}
// SAFETY: as above.
unsafe impl SyncNative for Refd {}

/// Another type, for type-tag mismatches.
pub enum Cat {}
// SAFETY: simulated, as `Plain`.
unsafe impl Native for Cat {
    type Raw = Opaque;
    const TYPE_ID: &'static str = "test::cat";
    unsafe fn release(ptr: NonNull<Opaque>) {
        free(obj(ptr));
    }
}

/// A type whose release panics, to check it is never run twice.
pub enum Fragile {}
// SAFETY: simulated: marks the object dead, then panics.
unsafe impl Native for Fragile {
    type Raw = Opaque;
    const TYPE_ID: &'static str = "test::fragile";
    unsafe fn release(ptr: NonNull<Opaque>) {
        free(obj(ptr));
        panic!("native release failed");
    }
}
// SAFETY: as `Plain`.
unsafe impl SendNative for Fragile {}
// SAFETY: as `Plain`.
unsafe impl SyncNative for Fragile {}

/// A type that is not declared thread-safe.
pub enum Local {}
// SAFETY: simulated, as `Plain`.
unsafe impl Native for Local {
    type Raw = Opaque;
    const TYPE_ID: &'static str = "test::local";
    unsafe fn release(ptr: NonNull<Opaque>) {
        free(obj(ptr));
    }
}

/// The object behind a handle's pointer, to read its count in assertions.
pub fn refs_of(ptr: *mut Opaque) -> isize {
    obj(NonNull::new(ptr).unwrap()).refs()
}

/// Scales loop counts down under Miri, which runs code about a thousand times slower.
pub const fn scaled(n: usize) -> usize {
    if cfg!(miri) {
        if n / 200 > 2 {
            n / 200
        } else {
            2
        }
    } else {
        n
    }
}

/// Whether the simulated object behind `ptr` was released.
pub fn is_dead(ptr: *mut Obj) -> bool {
    // SAFETY: simulated objects stay allocated until their `Sim` is dropped.
    unsafe { &*ptr }.is_dead()
}
