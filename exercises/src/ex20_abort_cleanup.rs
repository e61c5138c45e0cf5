//! Exercise 20 — abort a task, and prove its cleanup ran (lesson 4.4).
//!
//! In asyncio, `task.cancel()` throws `CancelledError` into the task, and its `finally:`
//! block gives back what it borrowed. In Rust, `JoinHandle::abort()` asks the runtime
//! to drop the task's future at the `.await` where it waits (`abort` returns before that
//! has happened; awaiting the handle waits for it): no exception travels through it, but
//! everything the future owns is dropped — so the cleanup lives in a `Drop` impl,
//! Rust's `finally`.
//!
//! A copy job borrows a database connection from a pool and copies rows, one every half
//! second. Make the connection go back to the pool whenever the lease ends, however it
//! ends; write the job; then run it with a deadline, abort it when the deadline passes,
//! and report how many rows it copied.
//!
//! Grade: `cargo xtask check ex20` · Stuck? `cargo xtask hint ex20`

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// How long copying one row takes.
pub const STEP: Duration = Duration::from_millis(500);

/// How many rows a whole copy job copies.
pub const ROWS: u32 = 10;

/// A pool of database connections, each known by its id. (Given.) Clones share the pool.
#[derive(Debug, Clone)]
pub struct Pool {
    state: Arc<Mutex<PoolState>>,
}

#[derive(Debug)]
struct PoolState {
    free: Vec<u32>,
    returns: Vec<(u32, Instant)>,
}

impl Pool {
    /// A pool of `size` free connections, numbered from 1.
    pub fn new(size: u32) -> Pool {
        let state = PoolState {
            free: (1..=size).rev().collect(),
            returns: Vec::new(),
        };
        Pool {
            state: Arc::new(Mutex::new(state)),
        }
    }

    fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes a free connection out of the pool: its id, or `None` if all are in use.
    pub fn take(&self) -> Option<u32> {
        self.lock().free.pop()
    }

    /// Puts connection `id` back into the pool, and notes when.
    pub fn give_back(&self, id: u32) {
        let mut state = self.lock();
        state.free.push(id);
        state.returns.push((id, Instant::now()));
    }

    /// How many connections are free now.
    pub fn free(&self) -> usize {
        self.lock().free.len()
    }

    /// Every connection given back so far, and when, in order.
    pub fn returns(&self) -> Vec<(u32, Instant)> {
        self.lock().returns.clone()
    }
}

/// A connection borrowed from a pool, for as long as the lease lives. (Given.)
#[derive(Debug)]
pub struct Lease {
    pool: Pool,
    id: u32,
}

impl Lease {
    /// Borrows a connection from `pool`. Panics if every connection is in use.
    pub fn take(pool: &Pool) -> Lease {
        let id = pool.take().expect("every connection in the pool is in use");
        Lease {
            pool: pool.clone(),
            id,
        }
    }

    /// The id of the borrowed connection.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The pool the connection was borrowed from.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }
}

impl Drop for Lease {
    /// Gives the connection back to its pool. Runs however the lease ends: at the end of
    /// the job, on an early return, or when an aborted task's future is dropped.
    fn drop(&mut self) {
        // TODO: give the connection back to the pool it came from.
        // (Empty rather than `todo!()`: a panic in `drop` while another panic is already
        // unwinding aborts the whole program, so never panic in `drop`.)
    }
}

/// The table the rows are copied into. (Given.) Clones share the table.
#[derive(Debug, Clone, Default)]
pub struct Table {
    rows: Arc<Mutex<Vec<(u32, Instant)>>>,
}

impl Table {
    /// An empty table.
    pub fn new() -> Table {
        Table::default()
    }

    /// Copies row `row` over the leased connection: takes `STEP`, then the row is in.
    pub async fn copy_row(&self, lease: &Lease, row: u32) {
        // A real copy would send the row over connection `lease.id()`; this one only
        // takes the time.
        let _ = lease;
        sleep(STEP).await;
        self.lock().push((row, Instant::now()));
    }

    fn lock(&self) -> MutexGuard<'_, Vec<(u32, Instant)>> {
        self.rows.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The rows copied so far, in order.
    pub fn rows(&self) -> Vec<u32> {
        self.lock().iter().map(|&(row, _)| row).collect()
    }

    /// When each row was copied, in order.
    pub fn copied_at(&self) -> Vec<Instant> {
        self.lock().iter().map(|&(_, at)| at).collect()
    }
}

/// The copy job: borrows one connection from `pool` (a `Lease`) and copies rows 1 to
/// `ROWS` into `table` over it, one after another, holding the lease throughout.
pub async fn copy_job(pool: Pool, table: Table) {
    // TODO: take a lease, then copy the rows in turn.
    todo!("copy_job")
}

/// Starts `copy_job` as a task, lets it run until `deadline` has passed, aborts it, and
/// returns how many rows it copied. When it returns, the job must be gone — not running
/// on, its connection back in the pool.
pub async fn copy_until(pool: &Pool, table: &Table, deadline: Duration) -> usize {
    // TODO: spawn the job, wait, abort it, make sure it is gone, count the rows.
    todo!("copy_until")
}
