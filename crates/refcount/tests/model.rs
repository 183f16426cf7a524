//! Property test: random sequences of handle operations, checked against a model.
//!
//! The model knows, for each native object, how many handles hold it and whether it
//! was closed, so it knows whether the object must be alive. The simulated native
//! side says whether it is, and counts double releases: any difference fails.

mod common;

use refcount::Opaque;

use common::{Obj, Plain, Refd, Sim};
use proptest::prelude::*;
use refcount::any::{AnyHandle, Handle};
use refcount::{Counted, Error, Owned, Shared};

#[derive(Debug, Clone)]
enum Op {
    CreateOwned,
    CreateShared,
    CreateCounted,
    Clone(usize),
    Drop(usize),
    DropOnThread(usize),
    Close(usize),
    Lease(usize),
    LeaseThenClose(usize),
    Erase(usize),
    Downcast(usize, u8),
}

fn op() -> impl Strategy<Value = Op> {
    let i = any::<usize>();
    prop_oneof![
        Just(Op::CreateOwned),
        Just(Op::CreateShared),
        Just(Op::CreateCounted),
        i.prop_map(Op::Clone),
        i.prop_map(Op::Drop),
        i.prop_map(Op::DropOnThread),
        i.prop_map(Op::Close),
        i.prop_map(Op::Lease),
        i.prop_map(Op::LeaseThenClose),
        i.prop_map(Op::Erase),
        (i, 0u8..3).prop_map(|(i, k)| Op::Downcast(i, k)),
    ]
}

enum Kind {
    Owned,
    Shared,
    Counted,
}

enum Held {
    Owned(Owned<Plain>),
    Shared(Shared<Refd>),
    Counted(Counted<Plain>),
    Any(AnyHandle),
}

struct ModelObj {
    ptr: *mut Obj,
    handles: usize,
    closed: bool,
}

impl ModelObj {
    fn must_be_alive(&self) -> bool {
        self.handles > 0 && !self.closed
    }
}

#[derive(Default)]
struct World {
    objects: Vec<ModelObj>,
    slots: Vec<(usize, Held)>,
}

impl World {
    fn pick(&self, i: usize) -> Option<usize> {
        (!self.slots.is_empty()).then(|| i % self.slots.len())
    }

    fn create(&mut self, sim: &Sim, kind: Kind) {
        let ptr = sim.create();
        let raw: *mut Opaque = ptr.cast();
        // SAFETY: a fresh object whose one reference is handed over.
        let held = unsafe {
            match kind {
                Kind::Owned => Held::Owned(Owned::adopt(raw).unwrap()),
                Kind::Shared => Held::Shared(Shared::adopt(raw).unwrap()),
                Kind::Counted => Held::Counted(Counted::adopt(raw).unwrap()),
            }
        };
        self.objects.push(ModelObj {
            ptr,
            handles: 1,
            closed: false,
        });
        self.slots.push((self.objects.len() - 1, held));
    }

    fn drop_slot(&mut self, s: usize, on_thread: bool) {
        let (obj, held) = self.slots.swap_remove(s);
        self.objects[obj].handles -= 1;
        let elsewhere =
            |drop_it: Box<dyn FnOnce() + Send>| std::thread::spawn(drop_it).join().unwrap();
        match held {
            Held::Owned(h) if on_thread => elsewhere(Box::new(move || drop(h))),
            Held::Shared(h) if on_thread => elsewhere(Box::new(move || drop(h))),
            Held::Counted(h) if on_thread => elsewhere(Box::new(move || drop(h))),
            held => drop(held), // `AnyHandle` is not `Send`: dropped here
        }
    }

    fn apply(&mut self, sim: &Sim, op: Op) {
        match op {
            Op::CreateOwned => self.create(sim, Kind::Owned),
            Op::CreateShared => self.create(sim, Kind::Shared),
            Op::CreateCounted => self.create(sim, Kind::Counted),
            Op::Clone(i) => {
                let Some(s) = self.pick(i) else { return };
                let (obj, held) = &self.slots[s];
                let copy = match held {
                    Held::Shared(h) => Held::Shared(h.clone()),
                    Held::Counted(h) => Held::Counted(h.clone()),
                    _ => return,
                };
                let obj = *obj;
                self.objects[obj].handles += 1;
                self.slots.push((obj, copy));
            }
            Op::Drop(i) => {
                if let Some(s) = self.pick(i) {
                    self.drop_slot(s, false);
                }
            }
            Op::DropOnThread(i) => {
                if let Some(s) = self.pick(i) {
                    self.drop_slot(s, true);
                }
            }
            Op::Close(i) => {
                let Some(s) = self.pick(i) else { return };
                if let (obj, Held::Counted(h)) = &self.slots[s] {
                    let was_closed = self.objects[*obj].closed;
                    assert_eq!(h.close(), !was_closed, "close reports whether it closed");
                    self.objects[*obj].closed = true;
                }
            }
            Op::Lease(i) => {
                let Some(s) = self.pick(i) else { return };
                if let (obj, Held::Counted(h)) = &self.slots[s] {
                    let model = &self.objects[*obj];
                    match h.lease() {
                        Ok(lease) => {
                            assert!(!model.closed, "a closed handle gave a lease");
                            assert_eq!(lease.as_ptr(), model.ptr.cast());
                            assert!(!common::is_dead(model.ptr), "leased object was released");
                        }
                        Err(err) => {
                            assert!(model.closed);
                            assert_eq!(
                                err,
                                Error::Disposed {
                                    type_id: "test::plain"
                                }
                            );
                        }
                    }
                }
            }
            Op::LeaseThenClose(i) => {
                let Some(s) = self.pick(i) else { return };
                if let (obj, Held::Counted(h)) = &self.slots[s] {
                    let Ok(lease) = h.lease() else { return };
                    h.close();
                    let ptr = self.objects[*obj].ptr;
                    assert!(!common::is_dead(ptr), "close did not wait for the lease");
                    drop(lease);
                    assert!(common::is_dead(ptr), "the last lease did not release");
                    self.objects[*obj].closed = true;
                }
            }
            Op::Erase(i) => {
                let Some(s) = self.pick(i) else { return };
                let (obj, held) = self.slots.swap_remove(s);
                let any = match held {
                    Held::Owned(h) => h.erase(),
                    Held::Shared(h) => h.erase(),
                    Held::Counted(h) => h.erase(),
                    Held::Any(any) => any,
                };
                self.slots.push((obj, Held::Any(any)));
            }
            Op::Downcast(i, guess) => {
                let Some(s) = self.pick(i) else { return };
                let (obj, held) = self.slots.swap_remove(s);
                let Held::Any(any) = held else {
                    self.slots.push((obj, held));
                    return;
                };
                let actual = any.to_string();
                let (result, wanted) = match guess {
                    0 => (
                        any.downcast::<Owned<Plain>>().map(Held::Owned),
                        <Owned<Plain>>::type_name(),
                    ),
                    1 => (
                        any.downcast::<Shared<Refd>>().map(Held::Shared),
                        <Shared<Refd>>::type_name(),
                    ),
                    _ => (
                        any.downcast::<Counted<Plain>>().map(Held::Counted),
                        <Counted<Plain>>::type_name(),
                    ),
                };
                let back = match result {
                    Ok(held) => {
                        assert_eq!(actual, wanted);
                        held
                    }
                    Err(err) => {
                        assert_ne!(actual, wanted);
                        assert_eq!(
                            err.to_string(),
                            format!("expected a handle of type `{wanted}` but got one of type `{actual}`")
                        );
                        Held::Any(err.into_handle())
                    }
                };
                self.slots.push((obj, back));
            }
        }
    }

    fn check(&self, sim: &Sim) {
        assert_eq!(
            sim.misuse(),
            0,
            "double release or add-reference after release"
        );
        for (n, model) in self.objects.iter().enumerate() {
            let alive = !common::is_dead(model.ptr);
            assert_eq!(alive, model.must_be_alive(), "object {n}: alive {alive}");
        }
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: if cfg!(miri) { 4 } else { 256 },
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn handles_match_the_model(ops in prop::collection::vec(op(), 1..if cfg!(miri) { 24 } else { 64 })) {
        let sim = Sim::new();
        let mut world = World::default();
        for op in ops {
            world.apply(&sim, op);
            world.check(&sim);
        }
        drop(std::mem::take(&mut world.slots));
        sim.assert_clean();
    }
}
