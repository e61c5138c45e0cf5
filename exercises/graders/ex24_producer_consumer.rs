//! Grader for exercise 24 — producers and consumers over a bounded queue. Used unchanged
//! by `solutions/`.
//!
//! The plant logs when each item was begun, made, taken and packed. From that log the
//! grader sees whether a full queue held the producers back, whether every item was
//! packed exactly once, how many consumers packed at once, and whether anything ran on
//! after the line had stopped.

use crate::ex24_producer_consumer::{
    Event, Item, Plant, SharedQueue, consumer, producer, run_line,
};
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, span, steps_of};
use harness::{Span, format_secs};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, mpsc};
use tokio::time::{Instant, sleep, timeout};

fn item(producer: u32, serial: u32) -> Item {
    Item { producer, serial }
}

/// How many times each item was packed, and the most packings at once.
fn packings(log: &[Event]) -> (BTreeMap<Item, usize>, usize) {
    let mut times = BTreeMap::new();
    let (mut now, mut peak) = (0_usize, 0_usize);
    for event in log {
        match *event {
            Event::PackStarted(item, _, _) => {
                *times.entry(item).or_insert(0) += 1;
                now += 1;
                peak = peak.max(now);
            }
            Event::Packed(..) => now = now.saturating_sub(1),
            _ => {}
        }
    }
    (times, peak)
}

/// The moments each item began to be made, in order, from `since`.
fn make_starts(log: &[Event], since: Instant) -> Vec<Duration> {
    log.iter()
        .filter_map(|event| match *event {
            Event::MakeStarted(_, at) => Some(at - since),
            _ => None,
        })
        .collect()
}

/// The picture of a failing check: the plant's log as spans — items being made, or
/// being packed, with how many were packed at once against `consumers` — above
/// `expected`: `(producer, serial, start)`, each item taking `each` seconds.
fn picture(
    log: &[Event],
    since: Instant,
    packing: Option<usize>,
    expected: &[(u32, u32, f64)],
    each: f64,
) -> Picture {
    let now = Instant::now();
    let name = |item: Item| format!("item {}.{}", item.producer, item.serial);
    let ended = |wanted: Item| {
        log.iter().find_map(|event| match *event {
            Event::Made(item, at) if packing.is_none() && item == wanted => Some(at),
            Event::Packed(item, at) if packing.is_some() && item == wanted => Some(at),
            _ => None,
        })
    };
    let seen: Vec<Span> = log
        .iter()
        .filter_map(|event| match *event {
            Event::MakeStarted(item, at) if packing.is_none() => Some((name(item), item, at)),
            Event::PackStarted(item, consumer, at) if packing.is_some() => {
                Some((format!("{}, consumer {consumer}", name(item)), item, at))
            }
            _ => None,
        })
        .map(|(label, item, at)| {
            let end = ended(item);
            Span {
                label,
                start: at.saturating_duration_since(since),
                end: end.unwrap_or(now).saturating_duration_since(since),
                cancelled: end.is_none(),
            }
        })
        .collect();
    let expected = expected
        .iter()
        .map(|&(producer, serial, start)| span(name(item(producer, serial)), start, start + each))
        .collect();
    let picture = match packing {
        None => Picture::new().spans("your run: items being made, from the plant's log", seen),
        Some(consumers) => Picture::new()
            .spans(
                "your run: items being packed, from the plant's log",
                seen.clone(),
            )
            .gauge("packing at once", steps_of(&seen), Some(consumers)),
    };
    picture.spans("expected", expected)
}

fn shown(times: &[Duration]) -> String {
    let parts: Vec<String> = times
        .iter()
        .map(|time| format!("{:.2}", time.as_secs_f64()))
        .collect();
    format!("[{}] s", parts.join(", "))
}

/// Fails unless every item of `want` was packed exactly once, and nothing else.
fn require_each_packed_once(what: &str, log: &[Event], want: &[Item]) {
    let (times, _) = packings(log);
    let twice: Vec<&Item> = times
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(i, _)| i)
        .collect();
    require(twice.is_empty(), || {
        format!("{what}: item(s) {twice:?} were packed more than once.")
    });
    let missing: Vec<&Item> = want.iter().filter(|i| !times.contains_key(i)).collect();
    require(missing.is_empty(), || {
        format!("{what}: item(s) {missing:?} were never packed: lost on the way.")
    });
    require(times.len() == want.len(), || {
        format!(
            "{what}: {} different items were packed; expected exactly {}.",
            times.len(),
            want.len()
        )
    });
}

fn shared(receiver: mpsc::Receiver<Item>) -> SharedQueue {
    Arc::new(Mutex::new(receiver))
}

#[test]
fn a_producer_makes_its_items_and_sends_each_one() {
    on_paused_clock(|| async {
        let plant = Plant::new();
        let (sender, mut receiver) = mpsc::channel(10);
        let since = Instant::now();
        let ((), took) = timed(producer(plant.clone(), 7, 4, sender)).await;
        let expected: Vec<(u32, u32, f64)> = (1..=4)
            .map(|serial| (7, serial, f64::from(serial - 1) * 0.5))
            .collect();
        let seen = || picture(&plant.log(), since, None, &expected, 0.5);
        require_seen(about(took, secs(2.0)), seen, || {
            format!(
                "producer 7 making 4 items took {} of virtual time; making them one after \
                 another, 0.5 s each, into a queue with room for all, takes 2.00 s.",
                format_secs(took)
            )
        });
        let mut got = Vec::new();
        while let Ok(Some(item)) = timeout(secs(1.0), receiver.recv()).await {
            got.push(item);
        }
        let want: Vec<Item> = (1..=4).map(|serial| item(7, serial)).collect();
        require(got == want, || {
            format!("producer 7 making 4 items sent {got:?}; expected {want:?}, in order.")
        });
        let closed = matches!(timeout(secs(1.0), receiver.recv()).await, Ok(None));
        require(closed, || {
            "after the producer returned, the queue was still open: a Sender was kept alive \
             somewhere. The producer should just let its Sender go when it is done — that is \
             how the consumers learn there is no more."
                .to_string()
        });
    });
}

#[test]
fn a_full_queue_holds_the_producer_back() {
    on_paused_clock(|| async {
        // A queue of 2 that nobody empties until 3 s: items 1 and 2 go in, item 3 is made
        // by 1.5 s and its `send` waits until 3 s — so item 4 is begun only then.
        let plant = Plant::new();
        let (sender, mut receiver) = mpsc::channel(2);
        let since = Instant::now();
        let making = tokio::spawn(producer(plant.clone(), 1, 6, sender));
        sleep(secs(3.0)).await;
        let mut got = Vec::new();
        while let Ok(Some(item)) = timeout(secs(5.0), receiver.recv()).await {
            got.push(item);
        }
        if let Err(error) = making.await {
            std::panic::resume_unwind(error.into_panic());
        }
        let want: Vec<Item> = (1..=6).map(|serial| item(1, serial)).collect();
        require(got == want, || {
            format!(
                "a producer of 6 items sending into a queue of 2 that was emptied only from \
                 3 s on delivered {got:?}; expected {want:?}{}.",
                if got.len() < want.len() {
                    ": items were lost. `try_send` fails on a full queue and drops the item; \
                     `send(item).await` waits for room"
                } else {
                    ""
                }
            )
        });
        let starts = make_starts(&plant.log(), since);
        let want_starts = [0.0, 0.5, 1.0, 3.0, 3.5, 4.0].map(secs);
        let fine = starts.len() == 6 && starts.iter().zip(&want_starts).all(|(&g, &w)| about(g, w));
        let expected: Vec<(u32, u32, f64)> = (1..=6)
            .zip([0.0, 0.5, 1.0, 3.0, 3.5, 4.0])
            .map(|(serial, start)| (1, serial, start))
            .collect();
        let seen = || picture(&plant.log(), since, None, &expected, 0.5);
        require_seen(fine, seen, || {
            format!(
                "with a queue of 2 that nobody emptied until 3 s, the producer began its items \
                 at {}; expected {}. Item 3 is made by 1.5 s but cannot go into the full \
                 queue until 3 s, and the producer must wait for that — `send(item).await`, \
                 not a spawned send — before it begins item 4.",
                shown(&starts),
                shown(&want_starts)
            )
        });
    });
}

#[test]
fn a_consumer_packs_until_the_queue_is_closed_and_empty() {
    on_paused_clock(|| async {
        let plant = Plant::new();
        let (sender, receiver) = mpsc::channel(10);
        let want: Vec<Item> = (1..=5).map(|serial| item(3, serial)).collect();
        for &item in &want {
            sender.send(item).await.expect("the queue is open");
        }
        drop(sender);
        let since = Instant::now();
        let packing = timed(consumer(plant.clone(), 1, shared(receiver)));
        let Ok((packed, took)) = timeout(secs(60.0), packing).await else {
            require(false, || {
                "a consumer given 5 items and a closed queue was still running 60 s later: it \
                 did not stop when `recv()` returned None (the queue closed and empty)."
                    .to_string()
            });
            return;
        };
        require(packed == 5, || {
            format!("the consumer packed 5 items but returned {packed}; expected 5.")
        });
        require_each_packed_once("a consumer given 5 items", &plant.log(), &want);
        let expected: Vec<(u32, u32, f64)> = (1..=5)
            .map(|serial| (3, serial, f64::from(serial - 1)))
            .collect();
        let seen = || picture(&plant.log(), since, Some(1), &expected, 1.0);
        require_seen(about(took, secs(5.0)), seen, || {
            format!(
                "a consumer packing 5 items took {} of virtual time; 1 s each, one after \
                 another, it takes 5.00 s, and it returns as soon as the last is packed.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn consumers_share_the_queue_and_pack_each_item_once() {
    on_paused_clock(|| async {
        let plant = Plant::new();
        let (sender, receiver) = mpsc::channel(10);
        let want: Vec<Item> = (1..=9).map(|serial| item(2, serial)).collect();
        for &item in &want {
            sender.send(item).await.expect("the queue is open");
        }
        drop(sender);
        let queue = shared(receiver);
        let started = Instant::now();
        let consumers: Vec<_> = (1..=3)
            .map(|id| tokio::spawn(consumer(plant.clone(), id, queue.clone())))
            .collect();
        let mut total = 0;
        for handle in consumers {
            match timeout(secs(60.0), handle).await {
                Ok(Ok(packed)) => total += packed,
                Ok(Err(error)) => std::panic::resume_unwind(error.into_panic()),
                Err(_) => {
                    require(false, || {
                        "three consumers sharing a closed queue of 9 items were still running \
                         60 s later."
                            .to_string()
                    });
                }
            }
        }
        let took = started.elapsed();
        let what = "three consumers sharing a queue of 9 items";
        let log = plant.log();
        require_each_packed_once(what, &log, &want);
        require(total == 9, || {
            format!("{what} packed 9 items, but their counts add up to {total}.")
        });
        let (_, peak) = packings(&log);
        let expected: Vec<(u32, u32, f64)> = (1..=9)
            .map(|serial| (2, serial, f64::from((serial - 1) / 3)))
            .collect();
        let seen = || picture(&log, started, Some(3), &expected, 1.0);
        require_seen(peak == 3, seen, || {
            format!(
                "{what}: at most {peak} consumer(s) were packing at once; all three should \
                 be{}.",
                if peak == 1 {
                    ". Only one packed at a time: the queue's lock was held while packing. \
                     Take the item with the lock held, then let the guard go before \
                     `plant.pack(…)` — e.g. `let next = queue.lock().await.recv().await;`"
                } else {
                    ""
                }
            )
        });
        require_seen(about(took, secs(3.0)), seen, || {
            format!(
                "{what} took {} of virtual time; three at a time, 1 s each, they take 3.00 s.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn the_whole_line_packs_everything_once_and_stops_when_the_producers_are_done() {
    on_paused_clock(|| async {
        // Two producers make 4 items a second between them; two consumers pack 2 a
        // second. From 0.5 s the consumers are never idle: 12 items in 6 rounds, 6.5 s.
        let plant = Plant::new();
        let since = Instant::now();
        let line = timed(run_line(&plant, 2, 6, 2, 2));
        let Ok((packed, took)) = timeout(secs(60.0), line).await else {
            require(false, || {
                "run_line with 2 producers of 6 items and 2 consumers was still running 60 s \
                 later. The consumers stop only when every Sender is gone: give each producer \
                 a clone, and drop the original."
                    .to_string()
            });
            return;
        };
        let what = "run_line with 2 producers of 6 items, 2 consumers and a queue of 2";
        let log = plant.log();
        let want: Vec<Item> = (1..=2)
            .flat_map(|producer| (1..=6).map(move |serial| item(producer, serial)))
            .collect();
        require_each_packed_once(what, &log, &want);
        require(packed == 12, || {
            format!("{what} returned {packed}; 12 items were packed.")
        });
        // Made but not yet taken: at most the queue's 2, plus one per producer waiting
        // to send it.
        let (mut made, mut taken) = (0_usize, 0_usize);
        for event in &log {
            match *event {
                Event::Made(item, at) => {
                    made += 1;
                    let waiting = made - taken;
                    require(waiting <= 4, || {
                        format!(
                            "{what}: when item {item:?} was made at {}, {waiting} items were \
                             made and not yet taken by a consumer; a queue of 2 plus one item \
                             in each producer's hands allows 4. The queue must be \
                             `mpsc::channel(capacity)`, and producers must wait for room.",
                            format_secs(at - since)
                        )
                    });
                }
                Event::PackStarted(..) => taken += 1,
                _ => {}
            }
        }
        let (_, peak) = packings(&log);
        // Each round, from 0.5 s on, both consumers pack the items made in the round before.
        let expected: Vec<(u32, u32, f64)> = (1..=6)
            .flat_map(|serial| {
                (1..=2).map(move |producer| (producer, serial, f64::from(serial) - 0.5))
            })
            .collect();
        let seen = || picture(&log, since, Some(2), &expected, 1.0);
        require_seen(peak == 2, seen, || {
            format!("{what}: at most {peak} consumer(s) packed at once; expected both.")
        });
        require_seen(about(took, secs(6.5)), seen, || {
            format!(
                "{what} took {} of virtual time; with both consumers busy from 0.5 s on, the \
                 12 items take 6.50 s{}.",
                format_secs(took),
                if about(took, secs(12.5)) {
                    " — only one consumer was working"
                } else {
                    ""
                }
            )
        });
        sleep(secs(10.0)).await;
        let later = plant.log().len();
        require(later == log.len(), || {
            format!(
                "{what}: after run_line returned, the plant logged {} more event(s): \
                 producers or consumers ran on. Wait for every task before returning.",
                later - log.len()
            )
        });
    });
}
