//! `asyncio.as_completed` in Rust: `FuturesUnordered` (or `JoinSet::join_next`).

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use harness::Ctx;
use std::time::Duration;

/// "Random" delays between 0.5 s and 3 s from a fixed seed: they look random, but every
/// run (and every test) gets the same ones, so the timeline is reproducible.
pub fn seeded_delays(seed: u64, count: usize) -> Vec<Duration> {
    let mut state = seed;
    (0..count)
        .map(|_| {
            // A linear congruential generator: plenty for picking demo delays.
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let hundredths = 50 + (state >> 33) % 251; // 0.50 s ..= 3.00 s
            Duration::from_millis(hundredths * 10)
        })
        .collect()
}

// ANCHOR: as_completed
/// Waits `delay`, then returns its name and how long it took.
async fn random_delay(ctx: Ctx, name: String, delay: Duration) -> (String, Duration) {
    ctx.log(format!(
        "{name} starting (will take {:.2} s)",
        delay.as_secs_f64()
    ));
    tokio::time::sleep(delay).await;
    (name, delay)
}

/// Demo `4.2.as_completed`: five tasks, each result handled the moment it is ready.
pub async fn in_completion_order(ctx: Ctx) {
    let timeline = ctx.new_timeline();
    let mut running: FuturesUnordered<_> = seeded_delays(7, 5)
        .into_iter()
        .enumerate()
        .map(|(i, delay)| {
            let name = format!("task {i}");
            timeline
                .clone()
                .record_owned(name.clone(), random_delay(ctx.clone(), name, delay))
        })
        .collect();
    // `next()` yields whichever future finishes next: completion order.
    while let Some((name, delay)) = running.next().await {
        ctx.log(format!(
            "{name} processed (took {:.2} s)",
            delay.as_secs_f64()
        ));
    }
    ctx.show_timeline(
        "handled as they finished, not in the order started",
        &timeline,
    );
}
// ANCHOR_END: as_completed

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_delays_are_reproducible_and_in_range() {
        let delays = seeded_delays(7, 5);
        assert_eq!(delays, seeded_delays(7, 5));
        assert!(
            delays
                .iter()
                .all(|d| (0.5..=3.0).contains(&d.as_secs_f64()))
        );
        let mut sorted = delays.clone();
        sorted.sort();
        assert_ne!(sorted, delays, "the demo needs an order that changes");
    }
}
