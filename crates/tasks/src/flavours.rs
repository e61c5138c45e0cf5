//! One program, two kinds of runtime.
//!
//! asyncio has one event loop per thread. tokio offers two flavours: a current-thread
//! runtime (asyncio's model: every task on one thread) and a multi-thread runtime
//! (a pool of workers that share the tasks and steal work from each other).
//! `#[tokio::main]` gives you the multi-thread one; `#[tokio::main(flavor =
//! "current_thread")]` the other.

use harness::Ctx;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::runtime::{Builder, Runtime};

/// How long each task computes before it waits: long enough for an idle worker to
/// notice queued tasks and steal some.
const WORK: Duration = Duration::from_millis(20);

/// How long each task waits between its two steps.
const STEP: Duration = Duration::from_millis(100);

// ANCHOR: program
/// The program both runtimes run: four tasks that each compute a little, then wait,
/// saying which thread they are on before and after. Nothing in it says which
/// runtime runs it.
pub async fn four_waiting_tasks(ctx: Ctx) {
    let mut handles = Vec::new();
    for id in 1..=4 {
        let ctx = ctx.clone();
        handles.push(tokio::spawn(async move {
            ctx.log(format!("task {id} starts on {}", thread_name()));
            coroutines::cpu_bound::crunch(WORK);
            tokio::time::sleep(STEP).await;
            ctx.log(format!("task {id} resumes on {}", thread_name()));
        }));
    }
    for handle in handles {
        handle.await.expect("the task panicked");
    }
}

fn thread_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("an unnamed thread")
        .to_string()
}
// ANCHOR_END: program

// ANCHOR: builders
/// Every task runs on the thread that calls `block_on` — asyncio's model.
pub fn current_thread_runtime() -> io::Result<Runtime> {
    Builder::new_current_thread().enable_all().build()
}

/// Two worker threads share the tasks; a task may resume on another worker.
pub fn multi_thread_runtime() -> io::Result<Runtime> {
    static NEXT_WORKER: AtomicUsize = AtomicUsize::new(1);
    Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name_fn(|| format!("worker-{}", NEXT_WORKER.fetch_add(1, Ordering::Relaxed)))
        .enable_all()
        .build()
}
// ANCHOR_END: builders

/// Demo `4.2.flavours`: [`four_waiting_tasks`] on each flavour of runtime.
pub async fn same_program_both_flavours(ctx: Ctx) {
    type Build = fn() -> io::Result<Runtime>;
    let flavours: [(&str, Build); 2] = [
        ("current-thread", current_thread_runtime),
        ("multi-thread", multi_thread_runtime),
    ];
    for (flavour, build) in flavours {
        ctx.say(format!("On a {flavour} runtime:"));
        ctx.new_timeline();
        let program_ctx = ctx.clone();
        // A runtime cannot be started from inside another one, so this demo starts each
        // on a plain thread of its own (named, so the log can say where tasks ran).
        let run = move || {
            let runtime = build().expect("the OS gives us a runtime");
            runtime.block_on(four_waiting_tasks(program_ctx));
        };
        let thread = std::thread::Builder::new()
            .name("the block_on thread".to_string())
            .spawn(run)
            .expect("the OS gives us a thread");
        tokio::task::spawn_blocking(move || thread.join())
            .await
            .expect("the waiting thread was not cancelled")
            .expect("the runtime's thread did not panic");
    }
}
