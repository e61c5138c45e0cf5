//! Grader for exercise 17 — an async data pipeline with a limit per stage. Used unchanged
//! by `solutions/`.
//!
//! The stages' gauges say how many items each stage started, and the most it ever had in
//! flight at once; the paused clock says how long the whole run took, which shows
//! whether the stages overlapped.

use crate::ex17_pipeline::{Limits, Stage, Stages, Stored, run_pipeline};
use harness::Span;
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, steps_of, timed_call};
use tokio::time::Instant;

const STAGES: [(Stage, &str); 3] = [
    (Stage::Download, "download"),
    (Stage::Parse, "parse"),
    (Stage::Store, "store"),
];

fn limit_of(limits: Limits, stage: Stage) -> usize {
    match stage {
        Stage::Download => limits.download,
        Stage::Parse => limits.parse,
        Stage::Store => limits.store,
    }
}

fn describe(limits: Limits) -> String {
    format!(
        "limits download {}, parse {}, store {}",
        limits.download, limits.parse, limits.store
    )
}

/// The picture of a stage's limit check: its items as the stage's gauge saw them, and how
/// many it had at once against its limit.
fn in_stage(stages: &Stages, stage: Stage, name: &str, limit: usize, origin: Instant) -> Picture {
    let items: Vec<Span> = stages
        .visits()
        .into_iter()
        .filter(|(visited, ..)| *visited == stage)
        .map(|(_, id, came, left)| Span {
            label: format!("item {id}"),
            start: came - origin,
            end: left.unwrap_or_else(Instant::now) - origin,
            cancelled: left.is_none(),
        })
        .collect();
    Picture::new()
        .gauge(
            format!("your run: items in the {name} stage at once"),
            steps_of(&items),
            Some(limit),
        )
        .spans(format!("your run: the {name} stage's items"), items)
}

fn ids_of(results: &[Stored]) -> Vec<u32> {
    let mut ids: Vec<u32> = results.iter().map(|stored| stored.id).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn every_item_comes_out_once_downloaded_parsed_and_stored() {
    on_paused_clock(|| async {
        let stages = Stages::new();
        let ids = vec![7, 3, 9, 1, 5];
        let limits = Limits {
            download: 2,
            parse: 2,
            store: 2,
        };
        let results = run_pipeline(&stages, ids.clone(), limits).await;
        let mut want = ids.clone();
        want.sort_unstable();
        let got = ids_of(&results);
        require(got == want, || {
            format!(
                "run_pipeline of ids {ids:?} returned results for ids {got:?} (sorted); \
                 expected each id exactly once: {want:?}."
            )
        });
        for stored in &results {
            let title = format!("Item {}", stored.id);
            require(stored.title == title, || {
                format!(
                    "the result for id {} has the title {:?}; expected {title:?}, the title \
                     `parse` finds on that item's downloaded page.",
                    stored.id, stored.title
                )
            });
        }
        for (stage, name) in STAGES {
            let reading = stages.reading(stage);
            require(reading.started == ids.len(), || {
                format!(
                    "the {name} stage was run {} times for {} items; every item goes \
                     through every stage exactly once.",
                    reading.started,
                    ids.len()
                )
            });
            require(reading.in_flight == 0, || {
                format!(
                    "after run_pipeline returned, {} item(s) were still in the {name} stage.",
                    reading.in_flight
                )
            });
        }
    });
}

#[test]
fn each_stage_works_on_up_to_its_limit_at_once() {
    on_paused_clock(|| async {
        // Downloads finish four at a time, parses three at a time: more items reach
        // parse and store at once than their limits allow, so a stage without a limit
        // shows up — and one that takes a single item at a time shows up too.
        let stages = Stages::new();
        let limits = Limits {
            download: 4,
            parse: 3,
            store: 2,
        };
        let ids: Vec<u32> = (1..=8).collect();
        let origin = Instant::now();
        let results = run_pipeline(&stages, ids.clone(), limits).await;
        require(ids_of(&results) == ids, || {
            format!(
                "run_pipeline of ids 1 to 8 returned results for {:?} (sorted); expected each \
                 id once.",
                ids_of(&results)
            )
        });
        for (stage, name) in STAGES {
            let limit = limit_of(limits, stage);
            let peak = stages.reading(stage).peak;
            let seen = || in_stage(&stages, stage, name, limit, origin);
            require_seen(peak <= limit, seen, || {
                format!(
                    "with {}, the {name} stage had {peak} items in flight at once; its limit \
                     is {limit}. Run each stage's futures with its own limit — \
                     `buffer_unordered(limits.{name})` — not all at once.",
                    describe(limits)
                )
            });
            require_seen(peak == limit, seen, || {
                format!(
                    "with {}, the {name} stage never had more than {peak} item(s) in flight \
                     at once, though more were waiting for it and its limit is {limit}{}.",
                    describe(limits),
                    if peak == 1 {
                        ": it took one item at a time. `then` awaits each item before it \
                         takes the next; `map` + `buffer_unordered(limit)` runs up to \
                         `limit` at once"
                    } else {
                        ""
                    }
                )
            });
        }
    });
}

#[test]
fn the_stages_overlap_like_an_assembly_line() {
    on_paused_clock(|| async {
        // Six items; downloads (2 s) two at a time, parse (1 s) and store (0.5 s) up to
        // four at a time:
        //
        //   download  1,2: 0–2 s    3,4: 2–4 s      5,6: 4–6 s
        //   parse              1,2: 2–3 s      3,4: 4–5 s      5,6: 6–7 s
        //   store                  1,2: 3–3.5 s    3,4: 5–5.5 s    5,6: 7–7.5 s
        //
        // The downloads are the bottleneck: 3 and 4 start at 2 s, as soon as 1 and 2 move
        // on, and parse and store always have room, so every pair goes straight through:
        // 7.5 s. (Streams are pulled — a stage takes more input only when the next one
        // asks — but with room downstream that costs nothing here, so a chain of
        // `buffer_unordered`s and stages run as tasks agree on 7.5 s.)
        // Stage after stage (all downloads, then all parses, then all stores) takes
        // 6 + 2 + 1 = 9 s; one item at a time through all three, 6 × 3.5 = 21 s.
        let stages = Stages::new();
        let limits = Limits {
            download: 2,
            parse: 4,
            store: 4,
        };
        let ids: Vec<u32> = (1..=6).collect();
        let (results, took) = timed(run_pipeline(&stages, ids.clone(), limits)).await;
        require(ids_of(&results) == ids, || {
            format!(
                "run_pipeline of ids 1 to 6 returned results for {:?} (sorted); expected each \
                 id once.",
                ids_of(&results)
            )
        });
        let diagnosis = if about(took, secs(21.0)) {
            " That is one item after another through all three stages: nothing overlapped."
        } else if about(took, secs(9.0)) {
            " That is one stage after another: every download finished before the first \
             parse began (collecting each stage's results before starting the next). Let \
             each item move on to the next stage as soon as it is ready — chain the stages \
             on one stream."
        } else if took > secs(7.5) {
            " Some stage ran fewer items at once than its limit, or items waited longer \
             than they had to between stages."
        } else {
            " That is faster than the limits allow: did a stage run more items at once than \
             its limit?"
        };
        let seen = || timed_call("run_pipeline of 6 items", took, secs(7.5));
        require_seen(about(took, secs(7.5)), seen, || {
            format!(
                "run_pipeline of 6 items with {} took {} of virtual time; as an assembly \
                 line, each item moving on as soon as it is done, it takes {}.{diagnosis}",
                describe(limits),
                format_secs(took),
                format_secs(secs(7.5))
            )
        });
    });
}

#[test]
fn no_items_means_nothing_to_do() {
    on_paused_clock(|| async {
        let stages = Stages::new();
        let limits = Limits {
            download: 2,
            parse: 2,
            store: 1,
        };
        let (results, took) = timed(run_pipeline(&stages, Vec::new(), limits)).await;
        let started: usize = STAGES
            .iter()
            .map(|&(stage, _)| stages.reading(stage).started)
            .sum();
        let seen = || timed_call("run_pipeline of no ids", took, secs(0.0));
        require_seen(
            results.is_empty() && took.is_zero() && started == 0,
            seen,
            || {
                format!(
                    "run_pipeline of no ids returned {results:?} after {}, having started {started} \
                 stage(s); expected [] at once, with nothing started.",
                    format_secs(took)
                )
            },
        );
    });
}
