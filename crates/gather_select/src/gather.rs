//! `asyncio.gather` in Rust: `join!`, `join_all`, and `JoinSet::join_all`.

use futures::future::join_all;
use harness::{Comparison, Ctx, Timeline};
use std::time::Duration;
use tokio::task::JoinSet;

// ANCHOR: fetch_data
/// Fetches a dataset (simulated: the "server" answers after `seconds`).
pub async fn fetch_data(ctx: &Ctx, name: &str, seconds: f64) -> String {
    ctx.log(format!("fetching {name}…"));
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    ctx.log(format!("fetched {name}"));
    format!("{name} result")
}
// ANCHOR_END: fetch_data

// ANCHOR: one_by_one
/// The three fetches, one after another: 1 + 2 + 1.5 = 4.5 s.
pub async fn one_by_one(ctx: &Ctx, timeline: &Timeline) -> [String; 3] {
    let users = timeline
        .record("users", fetch_data(ctx, "users", 1.0))
        .await;
    let products = timeline
        .record("products", fetch_data(ctx, "products", 2.0))
        .await;
    let orders = timeline
        .record("orders", fetch_data(ctx, "orders", 1.5))
        .await;
    [users, products, orders]
}
// ANCHOR_END: one_by_one

// ANCHOR: gathered
/// The three fetches at once with `tokio::join!`: as long as the slowest, 2 s.
/// The results come back in the order written, whatever order they finish in.
pub async fn gathered(ctx: &Ctx, timeline: &Timeline) -> [String; 3] {
    let (users, products, orders) = tokio::join!(
        timeline.record("users", fetch_data(ctx, "users", 1.0)),
        timeline.record("products", fetch_data(ctx, "products", 2.0)),
        timeline.record("orders", fetch_data(ctx, "orders", 1.5)),
    );
    [users, products, orders]
}
// ANCHOR_END: gathered

// ANCHOR: join_all
/// Any number of fetches of the same type: `join_all`, results in input order.
pub async fn gather_list(ctx: &Ctx, requests: &[(&str, f64)]) -> Vec<String> {
    join_all(
        requests
            .iter()
            .map(|&(name, seconds)| fetch_data(ctx, name, seconds)),
    )
    .await
}

/// The same as spawned tasks: `JoinSet::join_all`. Careful — it returns the results in
/// the order the tasks *finished*, not the order they were spawned; and if a task
/// panicked, `join_all` panics too (after aborting the rest). To handle failures
/// yourself, loop over `join_next` (lesson 4.2, "Task groups").
pub async fn gather_tasks(ctx: &Ctx, requests: &[(&'static str, f64)]) -> Vec<String> {
    let mut set = JoinSet::new();
    for &(name, seconds) in requests {
        let ctx = ctx.clone();
        set.spawn(async move { fetch_data(&ctx, name, seconds).await });
    }
    set.join_all().await
}
// ANCHOR_END: join_all

/// Demo `4.2.gather`: the course's users (1 s), products (2 s), orders (1.5 s).
pub async fn users_products_orders(ctx: Ctx) {
    let spec = Comparison {
        id: "4.2.gather",
        title: "users 1 s, products 2 s, orders 1.5 s",
        ideal_sequential: Duration::from_secs_f64(4.5),
        ideal_concurrent: Duration::from_secs(2),
    };
    ctx.compare(
        spec,
        |ctx, timeline| async move {
            let results = one_by_one(&ctx, &timeline).await;
            ctx.log(format!("results: {results:?}"));
        },
        |ctx, timeline| async move {
            let results = gathered(&ctx, &timeline).await;
            ctx.log(format!(
                "results: {results:?} (input order, not finishing order)"
            ));
        },
    )
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    fn quiet() -> Ctx {
        Ctx::new(TimeMode::Virtual, Output::Silent)
    }

    #[tokio::test(start_paused = true)]
    async fn join_all_keeps_input_order_but_join_set_gives_finishing_order() {
        let requests = [("slow", 2.0), ("fast", 1.0)];
        assert_eq!(
            gather_list(&quiet(), &requests).await,
            ["slow result", "fast result"]
        );
        assert_eq!(
            gather_tasks(&quiet(), &requests).await,
            ["fast result", "slow result"]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_comparison_reproduces_the_course_numbers() {
        let ctx = quiet();
        users_products_orders(ctx.clone()).await;
        let report = &ctx.take_reports()[0];
        assert_eq!((report.sequential_s, report.concurrent_s), (4.5, 2.0));
    }
}
