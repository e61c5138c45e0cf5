//! Grader for exercise 4 — gather a dashboard. Used unchanged by `solutions/`.

use crate::ex04_gather::{Backend, Dashboard, load_dashboard};
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, span};
use std::time::Duration;

/// Fails unless loading from `backend` took as long as its slowest request; a failure
/// shows the call as the grader timed it, above the three requests as they should run.
fn require_concurrent(backend: &Backend, took: Duration) {
    let delays = [
        backend.users_delay,
        backend.products_delay,
        backend.orders_delay,
    ];
    let seen = || {
        let requests = ["fetch_users", "fetch_product_count", "fetch_revenue"]
            .iter()
            .zip(delays)
            .map(|(name, delay)| span(*name, 0.0, delay.as_secs_f64()))
            .collect();
        Picture::new()
            .spans(
                "your run, as the grader timed it",
                vec![span("load_dashboard", 0.0, took.as_secs_f64())],
            )
            .spans("expected: the three requests at once", requests)
    };
    let slowest = delays.iter().copied().max().unwrap_or_default();
    let all_added_up: Duration = delays.iter().sum();
    let delays_text = format!(
        "users {}, products {}, orders {}",
        format_secs(backend.users_delay),
        format_secs(backend.products_delay),
        format_secs(backend.orders_delay)
    );
    require_seen(!about(took, all_added_up), seen, || {
        format!(
            "load_dashboard took {} of virtual time with requests of {delays_text}: that is \
             all three added up, so they ran one after another (sequentially). Start them \
             together and it takes {}, as long as the slowest.",
            format_secs(took),
            format_secs(slowest)
        )
    });
    require_seen(about(took, slowest), seen, || {
        format!(
            "load_dashboard took {} of virtual time with requests of {delays_text}; \
             all three at once take {}, as long as the slowest. {}",
            format_secs(took),
            format_secs(slowest),
            if took > slowest {
                "Some request waited for another one to finish first."
            } else {
                "Did it skip a request?"
            }
        )
    });
}

#[test]
fn load_dashboard_makes_the_three_requests_at_the_same_time() {
    on_paused_clock(|| async {
        let backend = Backend::example();
        let (_dashboard, took) = timed(load_dashboard(&backend)).await;
        require_concurrent(&backend, took);
    });
}

#[test]
fn load_dashboard_shows_what_the_backend_answered() {
    on_paused_clock(|| async {
        let backend = Backend::example();
        let dashboard = load_dashboard(&backend).await;
        let expected = Dashboard {
            users: backend.users.clone(),
            product_count: backend.product_count,
            revenue: backend.revenue,
        };
        require(dashboard == expected, || {
            format!("load_dashboard returned {dashboard:?}; expected {expected:?}.")
        });
    });
}

#[test]
fn another_backend_gives_another_dashboard_as_fast_as_its_slowest_request() {
    on_paused_clock(|| async {
        let backend = Backend {
            users: vec!["margaret".to_string()],
            users_delay: secs(3.0),
            product_count: 7,
            products_delay: secs(0.5),
            revenue: 99.25,
            orders_delay: secs(1.0),
        };
        let (dashboard, took) = timed(load_dashboard(&backend)).await;
        let expected = Dashboard {
            users: vec!["margaret".to_string()],
            product_count: 7,
            revenue: 99.25,
        };
        require(dashboard == expected, || {
            format!(
                "with a back end answering users [\"margaret\"], 7 products and revenue 99.25, \
                 load_dashboard returned {dashboard:?}. Build the dashboard from the answers \
                 of the fetch methods."
            )
        });
        require_concurrent(&backend, took);
    });
}
