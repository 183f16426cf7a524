//! Leak checks for tests: how many native objects of each type the handles hold.
//!
//! Every handle of this crate reports taking and letting go of a native reference
//! here when the `leak-check` feature is on (turn it on for tests only, in
//! `[dev-dependencies]`); without the feature the bookkeeping compiles to nothing.
//!
//! The counts are global to the process, and `cargo test` runs tests on several
//! threads. [`LeakCheck::start`] therefore also takes a process-wide lock: the tests
//! of one binary that take a `LeakCheck` run one at a time, and their counts are not
//! disturbed by each other. A test that creates handles without taking one can still
//! disturb them, so take one in every test that touches native objects.
//!
//! Checks nest: a check started on a thread that already runs one (a helper that
//! calls [`assert_no_leaks`] inside a checked test) shares the outer check's lock
//! instead of waiting for it. A check started on *another* thread while one runs
//! waits for it to end, so do not start one in a thread that a running check joins.
//!
//! ```
//! # #[cfg(feature = "leak-check")] {
//! use refcount::leak::LeakCheck;
//!
//! let check = LeakCheck::start();
//! // ... create and drop handles ...
//! check.finish().expect("nothing leaked");
//! # }
//! ```

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Mutex, MutexGuard, PoisonError};

static LIVE: Mutex<BTreeMap<&'static str, isize>> = Mutex::new(BTreeMap::new());
static CHECKS: Mutex<()> = Mutex::new(());

thread_local! {
    /// The checks running on this thread, and the lock they share while any runs.
    static NESTED: Cell<usize> = const { Cell::new(0) };
    static SERIAL: RefCell<Option<MutexGuard<'static, ()>>> = const { RefCell::new(None) };
}

fn live_counts() -> MutexGuard<'static, BTreeMap<&'static str, isize>> {
    // A panic elsewhere never leaves the map half-updated: every change is one insert.
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(crate) fn acquired(type_id: &'static str) {
    *live_counts().entry(type_id).or_insert(0) += 1;
}

pub(crate) fn released(type_id: &'static str) {
    *live_counts().entry(type_id).or_insert(0) -= 1;
}

/// The native references held through handles right now, by type id.
///
/// Types with no live reference are left out.
pub fn live() -> BTreeMap<&'static str, usize> {
    live_counts()
        .iter()
        .filter(|(_, &n)| n > 0)
        .map(|(&id, &n)| (id, n.unsigned_abs()))
        .collect()
}

/// What a [`LeakCheck`] found still alive: type ids and how many references of each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeakReport {
    /// Each leaking type id with the number of references created and not released.
    pub leaked: BTreeMap<&'static str, usize>,
}

impl fmt::Display for LeakReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total: usize = self.leaked.values().sum();
        write!(f, "{total} native reference(s) leaked:")?;
        for (id, n) in &self.leaked {
            write!(f, " `{id}` x{n}")?;
        }
        f.write_str(" (a handle was forgotten, leaked with `into_raw`, or kept in a cycle)")
    }
}

impl std::error::Error for LeakReport {}

/// A scope in which every native reference taken must also be released.
///
/// Call [`finish`](LeakCheck::finish) to get the result, or let it drop: a drop with
/// leaks panics with the [`LeakReport`] (unless the thread is already panicking).
#[must_use = "a leak check reports when it is finished or dropped"]
pub struct LeakCheck {
    baseline: BTreeMap<&'static str, isize>,
    finished: bool,
    /// The lock belongs to this thread: a check never moves to another one.
    _thread: PhantomData<*const ()>,
}

impl LeakCheck {
    /// Records the live counts now and waits until no `LeakCheck` of another thread
    /// runs. Inside a check of this thread, it starts at once (checks nest).
    pub fn start() -> Self {
        if NESTED.get() == 0 {
            let serial = CHECKS.lock().unwrap_or_else(PoisonError::into_inner);
            SERIAL.set(Some(serial));
        }
        NESTED.set(NESTED.get() + 1);
        LeakCheck {
            baseline: live_counts().clone(),
            finished: false,
            _thread: PhantomData,
        }
    }

    /// What leaked since [`start`](LeakCheck::start), without ending the check.
    pub fn leaks(&self) -> Option<LeakReport> {
        let leaked: BTreeMap<_, _> = live_counts()
            .iter()
            .filter_map(|(&id, &now)| {
                let grown = now - self.baseline.get(id).copied().unwrap_or(0);
                (grown > 0).then_some((id, grown.unsigned_abs()))
            })
            .collect();
        (!leaked.is_empty()).then_some(LeakReport { leaked })
    }

    /// Ends the check: `Err` names every type that has more live references than at the start.
    pub fn finish(mut self) -> Result<(), LeakReport> {
        self.finished = true;
        self.leaks().map_or(Ok(()), Err)
    }
}

impl Drop for LeakCheck {
    fn drop(&mut self) {
        let nested = NESTED.get() - 1;
        NESTED.set(nested);
        if nested == 0 {
            SERIAL.set(None); // the last check of this thread lets others run
        }
        if self.finished || std::thread::panicking() {
            return;
        }
        if let Some(report) = self.leaks() {
            panic!("{report}");
        }
    }
}

/// Runs `f` inside a [`LeakCheck`] and panics with the report if it leaked.
///
/// ```
/// # #[cfg(feature = "leak-check")]
/// refcount::leak::assert_no_leaks(|| {
///     // create and drop handles here
/// });
/// ```
#[track_caller]
pub fn assert_no_leaks<R>(f: impl FnOnce() -> R) -> R {
    let check = LeakCheck::start();
    let out = f();
    if let Err(report) = check.finish() {
        panic!("{report}");
    }
    out
}
