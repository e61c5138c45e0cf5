//! Grader for exercise 2 — lazy futures. Used unchanged by `solutions/`.

use crate::ex02_lazy::{Outbox, prepare, send_approved};
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::timed_call;

fn sent(outbox: &Outbox) -> Vec<String> {
    outbox
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

#[test]
fn prepare_sends_nothing_until_awaited() {
    on_paused_clock(|| async {
        let outbox = Outbox::default();
        let prepared = prepare(&outbox, "hello");
        require(sent(&outbox).is_empty(), || {
            "prepare(\"hello\") put the message in the outbox straight away. It must only \
             build the future; the sending happens when that future is awaited."
                .to_string()
        });

        tokio::time::sleep(secs(5.0)).await;
        require(sent(&outbox).is_empty(), || {
            "the message arrived while nobody was awaiting the prepared future (did prepare \
             spawn a task?). A prepared send must wait until it is awaited."
                .to_string()
        });

        let ((), took) = timed(prepared).await;
        require(sent(&outbox) == ["hello"], || {
            format!(
                "after awaiting prepare(\"hello\") the outbox holds {:?}; expected [\"hello\"].",
                sent(&outbox)
            )
        });
        let seen = || timed_call("awaiting prepare(\"hello\")", took, secs(1.0));
        require_seen(about(took, secs(1.0)), seen, || {
            format!(
                "awaiting the prepared send took {}; sending takes 1.00 s (call `send`).",
                format_secs(took)
            )
        });
    });
}

#[test]
fn a_prepared_send_that_is_dropped_never_happens() {
    on_paused_clock(|| async {
        let outbox = Outbox::default();
        let kept = prepare(&outbox, "kept");
        let dropped = prepare(&outbox, "dropped");
        drop(dropped);
        kept.await;
        tokio::time::sleep(secs(5.0)).await;
        require(sent(&outbox) == ["kept"], || {
            format!(
                "prepared \"kept\" and \"dropped\", awaited only \"kept\" and dropped the other; \
                 the outbox holds {:?}, expected [\"kept\"]. A future that is dropped before \
                 it is awaited must never run.",
                sent(&outbox)
            )
        });
    });
}

#[test]
fn send_approved_sends_only_the_approved_drafts_together() {
    on_paused_clock(|| async {
        let outbox = Outbox::default();
        let drafts = [
            ("invoice", true),
            ("angry rant", false),
            ("thank-you note", true),
            ("resignation", false),
            ("birthday wishes", true),
        ];
        let ((), took) = timed(send_approved(&outbox, &drafts)).await;

        let mut arrived = sent(&outbox);
        arrived.sort();
        let expected = ["birthday wishes", "invoice", "thank-you note"];
        require(arrived == expected, || {
            format!(
                "send_approved sent {arrived:?}; expected exactly the approved drafts \
                 {expected:?}. Rejected drafts must be dropped without being awaited."
            )
        });
        let seen = || timed_call("send_approved", took, secs(1.0));
        require_seen(!about(took, secs(3.0)), seen, || {
            "send_approved took 3.00 s of virtual time: the three approved sends ran one after \
             another. Await them together so they all arrive after 1.00 s."
                .to_string()
        });
        require_seen(about(took, secs(1.0)), seen, || {
            format!(
                "send_approved took {} of virtual time; the approved sends, awaited together, \
                 take 1.00 s.",
                format_secs(took)
            )
        });
    });
}
