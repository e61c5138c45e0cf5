//! Grader for exercise 20 — abort a task, and prove its cleanup ran. Used unchanged by
//! `solutions/`.
//!
//! The pool notes every connection given back and when; the table notes every row and
//! when it was copied. On the paused clock that shows exactly when the job stopped,
//! when its cleanup ran, and whether anything ran on afterwards.

use crate::ex20_abort_cleanup::{Lease, Pool, ROWS, Table, copy_job, copy_until};
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::timed_call;
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// When each connection went back, measured from `started`.
fn returns_since(pool: &Pool, started: Instant) -> Vec<(u32, Duration)> {
    pool.returns()
        .into_iter()
        .map(|(id, at)| (id, at - started))
        .collect()
}

#[test]
fn a_lease_gives_its_connection_back_when_dropped() {
    on_paused_clock(|| async {
        let pool = Pool::new(2);
        let first = Lease::take(&pool);
        let second = Lease::take(&pool);
        require(pool.free() == 0, || {
            format!(
                "with two leases out of a pool of two, {} connection(s) were free; expected 0.",
                pool.free()
            )
        });
        let first_id = first.id();
        drop(first);
        let returns: Vec<u32> = pool.returns().into_iter().map(|(id, _)| id).collect();
        require(pool.free() == 1 && returns == [first_id], || {
            format!(
                "after dropping the lease of connection {first_id}, {} connection(s) were free \
                 and the pool had been given back {returns:?}; expected 1 free, and \
                 [{first_id}] given back exactly once. Lease's Drop must call \
                 `self.pool.give_back(self.id)`.",
                pool.free()
            )
        });
        drop(second);
        require(pool.free() == 2 && pool.returns().len() == 2, || {
            format!(
                "after dropping both leases, {} connection(s) were free after {} give-backs; \
                 expected both back, each given back once.",
                pool.free(),
                pool.returns().len()
            )
        });
    });
}

#[test]
fn the_job_copies_a_row_every_half_second_over_one_connection() {
    on_paused_clock(|| async {
        let pool = Pool::new(3);
        let table = Table::new();
        let started = Instant::now();
        let job = tokio::spawn(copy_job(pool.clone(), table.clone()));
        sleep(secs(1.25)).await;
        let (rows, free) = (table.rows(), pool.free());
        if job.is_finished() && rows.len() < 2 {
            match job.await {
                // copy_job panicked: that is the learner's panic, to be reported as such.
                Err(error) => std::panic::resume_unwind(error.into_panic()),
                Ok(()) => require(false, || {
                    format!(
                        "copy_job returned before 1.25 s, having copied rows {rows:?}; it \
                         copies rows 1 to {ROWS}, 0.5 s each."
                    )
                }),
            }
            return;
        }
        require(rows == [1, 2], || {
            format!(
                "1.25 s into copy_job, the table held rows {rows:?}; expected [1, 2]: one row \
                 every 0.5 s, in order."
            )
        });
        require(free == 2, || {
            format!(
                "1.25 s into copy_job, {free} of the pool's 3 connections were free; the job \
                 holds exactly one lease for as long as it runs (expected 2 free)."
            )
        });
        if let Err(error) = job.await {
            // copy_job panicked: that is the learner's panic, to be reported as such.
            std::panic::resume_unwind(error.into_panic());
        }
        let took = Instant::now() - started;
        let rows = table.rows();
        let want: Vec<u32> = (1..=ROWS).collect();
        require(rows == want, || {
            format!("copy_job copied rows {rows:?}; expected {want:?}.")
        });
        require_seen(
            about(took, secs(5.0)),
            || timed_call("copy_job", took, secs(5.0)),
            || {
                format!(
                    "copy_job took {} of virtual time; {ROWS} rows of 0.5 s one after another take \
                 5.00 s.",
                    format_secs(took)
                )
            },
        );
        let returns = returns_since(&pool, started);
        require(
            returns.len() == 1 && about(returns[0].1, secs(5.0)) && pool.free() == 3,
            || {
                format!(
                    "when copy_job ended at 5.00 s, the pool had been given back {:?} \
                     (connection, time); expected its one connection back once, at 5.00 s, \
                     when the job's lease was dropped.",
                    returns
                        .iter()
                        .map(|(id, at)| (*id, format_secs(*at)))
                        .collect::<Vec<_>>()
                )
            },
        );
    });
}

#[test]
fn copy_until_stops_the_job_at_the_deadline() {
    on_paused_clock(|| async {
        // Deadlines between two rows, so "the row due at the deadline" never arises.
        for (deadline, rows) in [(1.75, 3), (2.6, 5)] {
            let pool = Pool::new(2);
            let table = Table::new();
            let (copied, took) = timed(copy_until(&pool, &table, secs(deadline))).await;
            let seen = || timed_call(format!("copy_until({deadline} s)"), took, secs(deadline));
            require_seen(!about(took, secs(5.0)), seen, || {
                format!(
                    "copy_until with a deadline of {deadline} s returned after 5.00 s, when \
                     the job had finished on its own: it waited for the job instead of \
                     aborting it at the deadline (JoinHandle::abort)."
                )
            });
            require_seen(about(took, secs(deadline)), seen, || {
                format!(
                    "copy_until with a deadline of {deadline} s returned after {} of virtual \
                     time; it should return at the deadline.",
                    format_secs(took)
                )
            });
            let in_table = table.rows().len();
            require(copied == rows && in_table == rows, || {
                format!(
                    "copy_until with a deadline of {deadline} s returned {copied}, and the \
                     table held {in_table} row(s); by {deadline} s the job has copied \
                     {rows} rows (one every 0.5 s), and that is the number to return."
                )
            });
        }
    });
}

#[test]
fn the_connection_goes_back_once_at_the_moment_of_the_abort() {
    on_paused_clock(|| async {
        let pool = Pool::new(2);
        let table = Table::new();
        let started = Instant::now();
        copy_until(&pool, &table, secs(1.75)).await;
        let free = pool.free();
        if free < 2 {
            // Still out: is the job running on, or just not yet dropped?
            let rows = table.rows().len();
            sleep(secs(1.0)).await;
            require(table.rows().len() == rows, || {
                "when copy_until returned, the job still held its connection, and it went \
                 on copying rows afterwards: it was never aborted. Dropping a JoinHandle \
                 does not stop a task; call `abort()` on it."
                    .to_string()
            });
        }
        require(free == 2, || {
            format!(
                "when copy_until returned, only {free} of the pool's 2 connections were free: \
                 the job's lease had not been dropped yet. abort() only asks the runtime to \
                 cancel the task; await the JoinHandle afterwards (it gives Err(JoinError) \
                 with is_cancelled()) so you know the task is gone and its cleanup ran."
            )
        });
        let returns = returns_since(&pool, started);
        require(
            returns.len() == 1 && about(returns[0].1, secs(1.75)),
            || {
                format!(
                    "with the job aborted at 1.75 s, the pool was given back {:?} \
                     (connection, time); expected the job's one connection back once, at \
                     1.75 s.",
                    returns
                        .iter()
                        .map(|(id, at)| (*id, format_secs(*at)))
                        .collect::<Vec<_>>()
                )
            },
        );
    });
}

#[test]
fn nothing_runs_on_after_the_abort() {
    on_paused_clock(|| async {
        let pool = Pool::new(2);
        let table = Table::new();
        let started = Instant::now();
        copy_until(&pool, &table, secs(1.75)).await;
        // Give a job left running every chance to show itself.
        sleep(secs(10.0)).await;
        let rows = table.rows();
        let last = table.copied_at().last().map(|&at| at - started);
        require(rows == [1, 2, 3], || {
            format!(
                "the job was to be aborted at 1.75 s, yet by 11.75 s it had copied rows \
                 {rows:?}, the last at {}: it ran on. Dropping a JoinHandle does not stop a \
                 task; JoinHandle::abort() does.",
                last.map_or("—".to_string(), format_secs)
            )
        });
        require(pool.returns().len() == 1 && pool.free() == 2, || {
            format!(
                "after the abort, the pool saw {} give-back(s) and has {} of 2 connections \
                 free; expected the one connection given back exactly once.",
                pool.returns().len(),
                pool.free()
            )
        });
    });
}
