//! Tasks that are not `Send`: a `LocalSet` and `spawn_local`.
//!
//! `tokio::spawn` asks for `F: Future + Send + 'static` on every runtime, the
//! current-thread one included. A future that holds an `Rc` across an `.await` is not
//! `Send`, so `tokio::spawn` refuses it — this does not compile:
//!
//! ```compile_fail,E0277
//! use std::{cell::RefCell, rc::Rc, time::Duration};
//! let ctx = harness::Ctx::new(harness::TimeMode::Virtual, harness::Output::Silent);
//! let runtime = tokio::runtime::Builder::new_current_thread()
//!     .enable_all()
//!     .build()
//!     .unwrap();
//! runtime.block_on(async {
//!     let visits = Rc::new(RefCell::new(0));
//!     let wait = Duration::from_millis(1);
//!     tokio::spawn(coroutines::local_tasks::visit(ctx, visits, "ann", wait));
//! });
//! ```
//!
//! `tokio::task::spawn_local` takes it, inside a `LocalSet`: every task of the set runs
//! on the one thread that drives the set, so nothing ever crosses threads.

use harness::Ctx;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

// ANCHOR: visit
/// One visitor: waits, then adds one to a counter it shares with the other visitors.
///
/// `Rc<RefCell<…>>` is the single-threaded `Arc<Mutex<…>>`. `visits` lives across the
/// `.await`, so it is part of this future, and this future is not `Send`.
pub async fn visit(ctx: Ctx, visits: Rc<RefCell<u32>>, name: &'static str, wait: Duration) {
    tokio::time::sleep(wait).await;
    *visits.borrow_mut() += 1; // the borrow ends at this `;`, before any `.await`
    ctx.log(format!("{name}: visit number {}", visits.borrow()));
}
// ANCHOR_END: visit

// ANCHOR: local_set
/// Demo `4.3.local_set`: three non-`Send` tasks, spawned with `spawn_local` in a `LocalSet`.
pub async fn tasks_that_stay_on_one_thread(ctx: Ctx) {
    let visits = Rc::new(RefCell::new(0));
    let local = tokio::task::LocalSet::new();
    // `run_until` drives the set's tasks while it runs this future.
    local
        .run_until(async {
            let mut handles = Vec::new();
            for (name, millis) in [("ann", 300), ("bob", 100), ("cy", 200)] {
                let wait = Duration::from_millis(millis);
                let visitor = visit(ctx.clone(), Rc::clone(&visits), name, wait);
                handles.push(tokio::task::spawn_local(visitor));
            }
            for handle in handles {
                handle.await.expect("a visitor panicked");
            }
        })
        .await;
    ctx.log(format!(
        "{} visits, counted through an Rc by tasks on one thread",
        visits.borrow()
    ));
}
// ANCHOR_END: local_set

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    #[tokio::test(start_paused = true)]
    async fn local_tasks_share_an_rc_and_run_concurrently() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let started = tokio::time::Instant::now();
        tasks_that_stay_on_one_thread(ctx).await;
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "the three visits wait at the same time: as long as the longest"
        );
    }
}
