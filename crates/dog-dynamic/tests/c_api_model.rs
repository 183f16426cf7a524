//! Property test of the C API path: random sequences of create / share / drop /
//! close / wrong-type downcast / null returns, over the loaded library. Never a
//! crash, always the right error, and after every step the library's own live
//! counts are what a model of the handles says they must be.

use std::collections::BTreeMap;
use std::ptr;

mod common;

use common::{TestDog, TestOwner};
use dog_dynamic::{api, take_error, Dog, DogOwner};
use proptest::prelude::*;
use refcount::any::AnyHandle;
use refcount::leak::LeakCheck;
use refcount::{Counted, Shared};

#[derive(Debug, Clone)]
enum Op {
    CreateDog,
    CreateOwner(usize),
    CreateCounted,
    Share(usize),
    Drop(usize),
    Close(usize),
    WrongDowncast(usize),
    NullOwner,
}

fn op() -> impl Strategy<Value = Op> {
    let i = any::<usize>();
    prop_oneof![
        Just(Op::CreateDog),
        i.prop_map(Op::CreateOwner),
        Just(Op::CreateCounted),
        i.prop_map(Op::Share),
        i.prop_map(Op::Drop),
        i.prop_map(Op::Close),
        i.prop_map(Op::WrongDowncast),
        Just(Op::NullOwner),
    ]
}

enum Slot {
    /// A dog handle, and the dog it holds (by model id).
    Dog(usize, Dog),
    /// An owner, and the model id of its dog.
    Owner(usize, DogOwner),
    /// A Rust-counted dog, and its model id.
    Counted(usize, Counted<TestDog>),
}

#[derive(Default)]
struct Model {
    slots: Vec<Slot>,
    /// Handles (and owners) per native dog, by model id; closed counted dogs are gone.
    dogs: BTreeMap<usize, usize>,
    next: usize,
}

impl Model {
    fn pick(&self, i: usize) -> Option<usize> {
        (!self.slots.is_empty()).then(|| i % self.slots.len())
    }

    fn new_id(&mut self) -> usize {
        self.next += 1;
        self.dogs.insert(self.next, 1);
        self.next
    }

    fn hold(&mut self, id: usize) {
        *self.dogs.get_mut(&id).unwrap() += 1;
    }

    fn let_go(&mut self, id: usize) {
        let count = self.dogs.get_mut(&id).unwrap();
        *count -= 1;
        if *count == 0 {
            self.dogs.remove(&id);
        }
    }

    fn apply(&mut self, op: Op) {
        match op {
            Op::CreateDog => {
                let id = self.new_id();
                self.slots.push(Slot::Dog(id, Dog::new().unwrap()));
            }
            Op::CreateCounted => {
                let api = api().unwrap();
                // SAFETY: a new dog with one reference, adopted.
                let dog = unsafe { Counted::<TestDog>::adopt(api.create_dog.call()) }.unwrap();
                let id = self.new_id();
                self.slots.push(Slot::Counted(id, dog));
            }
            Op::CreateOwner(i) => {
                let Some(s) = self.pick(i) else { return };
                let (id, owner) = match &self.slots[s] {
                    Slot::Dog(id, dog) => (*id, DogOwner::new(dog).unwrap()),
                    Slot::Owner(id, owner) => (*id, DogOwner::new(&owner.dog()).unwrap()),
                    Slot::Counted(..) => return,
                };
                self.hold(id);
                self.slots.push(Slot::Owner(id, owner));
            }
            Op::Share(i) => {
                let Some(s) = self.pick(i) else { return };
                let (id, copy) = match &self.slots[s] {
                    Slot::Dog(id, dog) => (*id, Slot::Dog(*id, dog.clone())),
                    Slot::Owner(id, owner) => (*id, Slot::Dog(*id, owner.dog())),
                    Slot::Counted(id, dog) => {
                        if dog.is_closed() {
                            return;
                        }
                        (*id, Slot::Counted(*id, dog.clone()))
                    }
                };
                self.hold(id);
                self.slots.push(copy);
            }
            Op::Drop(i) => {
                let Some(s) = self.pick(i) else { return };
                match self.slots.swap_remove(s) {
                    Slot::Dog(id, _) | Slot::Owner(id, _) => self.let_go(id),
                    Slot::Counted(id, dog) => {
                        if !dog.is_closed() {
                            self.let_go(id);
                        }
                    }
                }
            }
            Op::Close(i) => {
                let Some(s) = self.pick(i) else { return };
                if let Slot::Counted(id, dog) = &self.slots[s] {
                    if dog.close() {
                        self.dogs.remove(id);
                    }
                    let err = dog.lease().unwrap_err();
                    assert_eq!(
                        err,
                        refcount::Error::Disposed {
                            type_id: "testnative::dog"
                        }
                    );
                }
            }
            Op::WrongDowncast(i) => {
                let Some(s) = self.pick(i) else { return };
                if let Slot::Dog(_, dog) = &self.slots[s] {
                    let any = AnyHandle::from(dog.clone());
                    let err = any.downcast::<Shared<TestOwner>>().unwrap_err();
                    assert_eq!(
                        err.to_string(),
                        "expected a handle of type `Shared<testnative::owner>` but got one of type `Shared<testnative::dog>`"
                    );
                    let back = Dog::try_from(err.into_handle()).unwrap();
                    assert_eq!(back.reference_count(), dog.reference_count());
                }
            }
            Op::NullOwner => {
                // SAFETY: a null dog is reported by the library, not dereferenced.
                let raw = unsafe { api().unwrap().create_owner.call(ptr::null_mut()) };
                assert!(raw.is_null());
                assert_eq!(
                    take_error().as_deref(),
                    Some("create_owner: owner needs a dog, got a null pointer")
                );
                // SAFETY: null is refused before anything else.
                assert!(unsafe { dog_dynamic::adopt_any(raw) }.is_err());
            }
        }
    }

    fn owners(&self) -> usize {
        self.slots
            .iter()
            .filter(|s| matches!(s, Slot::Owner(..)))
            .count()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_library_agrees_with_the_model(ops in prop::collection::vec(op(), 1..48)) {
        let check = LeakCheck::start();
        let (dogs, owners) = (Dog::num_dogs().unwrap(), DogOwner::num_owners().unwrap());
        let mut model = Model::default();
        for op in ops {
            model.apply(op);
            prop_assert_eq!(Dog::num_dogs().unwrap() - dogs, model.dogs.len() as i32);
            prop_assert_eq!(DogOwner::num_owners().unwrap() - owners, model.owners() as i32);
            prop_assert_eq!(take_error(), None);
        }
        drop(std::mem::take(&mut model.slots));
        prop_assert_eq!((Dog::num_dogs().unwrap(), DogOwner::num_owners().unwrap()), (dogs, owners));
        check.finish().unwrap();
    }
}
