//! A model check of `Counted`'s state word with loom: every interleaving of close,
//! lease, keep, clone, drop, the last drop and weak upgrades that loom can reach, on
//! up to three threads.
//!
//! Run with `RUSTFLAGS="--cfg loom" cargo test -p refcount --test loom --release`
//! (`ci/loom.sh` does); without `--cfg loom` this file is empty.
#![cfg(loom)]

use std::ptr::NonNull;
use std::sync::atomic::Ordering::SeqCst;

use loom::sync::atomic::AtomicUsize;
use loom::thread;
use refcount::{Counted, Native, Opaque, SendNative, SyncNative};

/// A simulated native object: counts its releases, and is freed by the test. The
/// count is a loom atomic, so that the model can stop a thread inside `release`.
struct Obj {
    releases: AtomicUsize,
}

enum Sim {}
// SAFETY: release only counts; the test frees the object after every handle is gone.
unsafe impl Native for Sim {
    type Raw = Opaque;
    const TYPE_ID: &'static str = "loom::sim";
    unsafe fn release(ptr: NonNull<Opaque>) {
        // SAFETY: the test keeps the object allocated until the model's end.
        unsafe { ptr.cast::<Obj>().as_ref() }
            .releases
            .fetch_add(1, SeqCst);
    }
}
// SAFETY: the object is atomics only.
unsafe impl SendNative for Sim {}
// SAFETY: as above.
unsafe impl SyncNative for Sim {}

/// A handle over a fresh object, and the object, to check after the threads end.
fn fresh() -> (Counted<Sim>, &'static Obj) {
    let obj: &'static Obj = Box::leak(Box::new(Obj {
        releases: AtomicUsize::new(0),
    }));
    let ptr = (obj as *const Obj).cast_mut().cast::<Opaque>();
    // SAFETY: a live object whose one reference we hand over.
    (unsafe { Counted::adopt(ptr) }.unwrap(), obj)
}

/// Takes a lease, and checks the object is not released while it lasts.
fn use_once(handle: &Counted<Sim>, obj: &Obj) -> bool {
    match handle.lease() {
        Ok(lease) => {
            assert_eq!(obj.releases.load(SeqCst), 0, "released under a lease");
            drop(lease);
            true
        }
        Err(_) => false,
    }
}

fn free(obj: &'static Obj) {
    // SAFETY: leaked by `fresh`, and no handle is left.
    drop(unsafe { Box::from_raw((obj as *const Obj).cast_mut()) });
}

#[test]
fn close_races_leases_and_drops_and_releases_exactly_once() {
    loom::model(|| {
        let (handle, obj) = fresh();
        let keeper = handle.clone();
        let closer = handle.clone();
        let user = handle.clone();
        let t1 = thread::spawn(move || {
            closer.close();
        });
        let t2 = thread::spawn(move || {
            use_once(&user, obj);
            drop(user);
        });
        use_once(&handle, obj);
        drop(handle);
        t1.join().unwrap();
        t2.join().unwrap();
        assert_eq!(
            obj.releases.load(SeqCst),
            1,
            "closed, and no lease left: released, though a clone lives"
        );
        drop(keeper);
        assert_eq!(obj.releases.load(SeqCst), 1);
        free(obj);
    });
}

#[test]
fn the_last_drop_races_a_lease_on_another_clone() {
    loom::model(|| {
        let (handle, obj) = fresh();
        let other = handle.clone();
        let t = thread::spawn(move || {
            let leased = use_once(&other, obj);
            assert!(leased, "no close: every lease succeeds");
            drop(other);
        });
        let extra = handle.clone();
        drop(handle);
        drop(extra);
        t.join().unwrap();
        assert_eq!(obj.releases.load(SeqCst), 1);
        free(obj);
    });
}

#[test]
fn two_closes_and_a_lease_release_once_and_refuse_after() {
    loom::model(|| {
        let (handle, obj) = fresh();
        let a = handle.clone();
        let b = handle.clone();
        let t1 = thread::spawn(move || a.close());
        let t2 = thread::spawn(move || b.close());
        let leased = use_once(&handle, obj);
        let closed = [t1.join().unwrap(), t2.join().unwrap()];
        assert_eq!(closed.iter().filter(|&&c| c).count(), 1, "one close wins");
        assert!(!use_once(&handle, obj), "no lease after a close");
        let _ = leased;
        assert_eq!(
            obj.releases.load(SeqCst),
            1,
            "released at the close, not the drop"
        );
        drop(handle);
        assert_eq!(obj.releases.load(SeqCst), 1);
        free(obj);
    });
}

#[test]
fn into_raw_racing_a_close_releases_once_between_them() {
    loom::model(|| {
        let (handle, obj) = fresh();
        let closer = handle.clone();
        let t = thread::spawn(move || {
            closer.close();
            drop(closer);
        });
        // Whoever wins, the object is released once: by the close, or by us after
        // `into_raw` handed the pointer back.
        let mut handle = handle;
        loop {
            match handle.into_raw() {
                Ok(ptr) => {
                    // SAFETY: `into_raw` gave the reference back to us: release it.
                    unsafe { <Sim as Native>::release(ptr) };
                    break;
                }
                Err(refused) => match refused.error() {
                    refcount::Error::Disposed { .. } => {
                        drop(refused);
                        break;
                    }
                    _ => {
                        handle = refused.into_handle();
                        thread::yield_now();
                    }
                },
            }
        }
        t.join().unwrap();
        assert_eq!(obj.releases.load(SeqCst), 1);
        free(obj);
    });
}

#[test]
fn close_with_no_lease_under_way_has_released_when_it_returns() {
    loom::model(|| {
        let (handle, obj) = fresh();
        let user = handle.clone();
        // Only this thread leases: a refused lease started after the close, so the
        // close had no lease to wait for.
        let t = thread::spawn(move || user.lease().is_ok());
        let closed = handle.close();
        let released_at_return = obj.releases.load(SeqCst);
        let leased = t.join().unwrap();
        assert!(closed);
        if !leased {
            assert_eq!(
                released_at_return, 1,
                "close() returned true, no lease under way, object not released yet"
            );
        }
        drop(handle);
        assert_eq!(obj.releases.load(SeqCst), 1);
        free(obj);
    });
}

#[test]
fn a_close_waits_for_a_keeper_on_another_thread() {
    loom::model(|| {
        let (handle, obj) = fresh();
        let kept = handle.keep().unwrap();
        let closer = handle.clone();
        let t = thread::spawn(move || {
            assert!(closer.close());
            drop(closer);
        });
        // Whenever the close runs, the keeper's object stays.
        assert_eq!(obj.releases.load(SeqCst), 0, "released under a keeper");
        drop(handle);
        assert_eq!(obj.releases.load(SeqCst), 0, "released under a keeper");
        t.join().unwrap();
        assert_eq!(obj.releases.load(SeqCst), 0, "released under a keeper");
        drop(kept);
        assert_eq!(obj.releases.load(SeqCst), 1, "the last keeper releases");
        free(obj);
    });
}

#[test]
fn a_weak_upgrade_races_the_last_drop() {
    loom::model(|| {
        let (handle, obj) = fresh();
        let weak = handle.downgrade();
        let t = thread::spawn(move || {
            if let Some(again) = weak.upgrade() {
                assert!(use_once(&again, obj), "an upgraded open handle leases");
            }
        });
        drop(handle);
        t.join().unwrap();
        assert_eq!(obj.releases.load(SeqCst), 1);
        free(obj);
    });
}

#[test]
fn a_weak_upgrade_races_a_close() {
    loom::model(|| {
        let (handle, obj) = fresh();
        let weak = handle.downgrade();
        let closer = handle.clone();
        let t = thread::spawn(move || {
            closer.close();
        });
        if let Some(again) = weak.upgrade() {
            // `use_once` checks the object is not released under its lease.
            if !use_once(&again, obj) {
                assert!(again.is_closed(), "a lease is refused only once closed");
            }
        }
        t.join().unwrap();
        assert_eq!(
            obj.releases.load(SeqCst),
            1,
            "closed, and no lease left: released, though a clone lives"
        );
        assert!(
            weak.upgrade().is_some(),
            "a clone lives: the weak handle upgrades"
        );
        drop(handle);
        assert!(weak.upgrade().is_none(), "the last clone is gone");
        assert_eq!(obj.releases.load(SeqCst), 1);
        free(obj);
    });
}
