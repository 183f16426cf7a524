//! Many threads cloning, dropping, leasing and closing the same handles.

mod common;

use std::sync::Barrier;
use std::thread;

use common::{refs_of, scaled, Plain, Refd, Sim};
use refcount::{Counted, Shared};

const THREADS: usize = 8;

#[test]
fn eight_threads_clone_and_drop_shared_handles_with_exact_counts() {
    let sim = Sim::new();
    let rounds = scaled(20_000);
    let dogs: Vec<Shared<Refd>> =
        // SAFETY: fresh objects, references handed over.
        (0..4).map(|_| unsafe { Shared::adopt(sim.create().cast()) }.unwrap()).collect();
    let barrier = Barrier::new(THREADS);
    thread::scope(|s| {
        for t in 0..THREADS {
            let (dogs, barrier) = (&dogs, &barrier);
            s.spawn(move || {
                barrier.wait();
                let mut kept = Vec::new();
                for i in 0..rounds {
                    let dog = dogs[(t + i) % dogs.len()].clone();
                    if i % 7 == 0 {
                        kept.push(dog); // dropped later, in a batch
                    }
                }
            });
        }
    });
    for dog in &dogs {
        assert_eq!(
            refs_of(dog.as_ptr()),
            1,
            "every clone's reference was released"
        );
    }
    assert_eq!(sim.live(), 4);
    drop(dogs);
    sim.assert_clean();
}

#[test]
fn eight_threads_share_counted_handles_and_race_a_close() {
    let sim = Sim::new();
    let rounds = scaled(5_000);
    for _ in 0..scaled(20) {
        // SAFETY: a fresh object, reference handed over.
        let dog = unsafe { Counted::<Plain>::adopt(sim.create().cast()) }.unwrap();
        let barrier = Barrier::new(THREADS);
        let leased = thread::scope(|s| {
            let workers: Vec<_> = (0..THREADS)
                .map(|t| {
                    let (dog, barrier) = (dog.clone(), &barrier);
                    s.spawn(move || {
                        barrier.wait();
                        let mut leased = 0;
                        for i in 0..rounds {
                            if t == 0 && i == rounds / 2 {
                                dog.close();
                            }
                            let copy = dog.clone();
                            if let Ok(lease) = copy.lease() {
                                assert!(!lease.as_ptr().is_null());
                                leased += 1;
                            };
                        }
                        leased
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap())
                .sum::<usize>()
        });
        assert!(leased >= rounds / 2, "thread 0 leases until it closes");
        assert!(dog.is_closed());
        assert_eq!(dog.clone_count(), 1);
        drop(dog);
    }
    sim.assert_clean();
}

#[test]
fn the_last_clone_releases_on_whichever_thread_drops_it() {
    let sim = Sim::new();
    for _ in 0..scaled(200) {
        // SAFETY: a fresh object, reference handed over.
        let dog = unsafe { Counted::<Plain>::adopt(sim.create().cast()) }.unwrap();
        let clones: Vec<_> = (0..THREADS).map(|_| dog.clone()).collect();
        drop(dog);
        thread::scope(|s| {
            for c in clones {
                s.spawn(move || drop(c));
            }
        });
    }
    sim.assert_clean();
}
