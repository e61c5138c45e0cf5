//! Exercise 20 — abort a task, and prove its cleanup ran (lesson 4.4): reference solution.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// How long copying one row takes.
pub const STEP: Duration = Duration::from_millis(500);

/// How many rows a whole copy job copies.
pub const ROWS: u32 = 10;

/// A pool of database connections, each known by its id. Clones share the pool.
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

/// A connection borrowed from a pool, for as long as the lease lives.
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
    /// Gives the connection back: runs however the lease ends — finished, failed, or
    /// dropped along with an aborted task.
    fn drop(&mut self) {
        self.pool.give_back(self.id);
    }
}

/// The table the rows are copied into. Clones share the table.
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

/// Borrows one connection from `pool` and copies rows 1 to `ROWS` into `table` over it,
/// one after another.
pub async fn copy_job(pool: Pool, table: Table) {
    // The lease lives in the job's future: if the task is aborted, the future is
    // dropped at its current `.await`, and the lease with it — Drop gives the connection
    // back.
    let lease = Lease::take(&pool);
    for row in 1..=ROWS {
        table.copy_row(&lease, row).await;
    }
}

/// Runs `copy_job` as a task, aborts it once `deadline` has passed, and returns how many
/// rows it copied.
pub async fn copy_until(pool: &Pool, table: &Table, deadline: Duration) -> usize {
    let job = tokio::spawn(copy_job(pool.clone(), table.clone()));
    sleep(deadline).await;
    job.abort();
    // abort() only asks; awaiting the handle waits until the task is really gone (its
    // future dropped, the cleanup done). It gives Err(JoinError) with is_cancelled(),
    // or Ok(()) if the job had already finished: both are fine here.
    let _ = job.await;
    table.rows().len()
}
