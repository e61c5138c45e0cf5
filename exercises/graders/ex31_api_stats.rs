//! Grader for exercise 31 — the homework: statistics from three JSON endpoints. Used
//! unchanged by `solutions/`.
//!
//! `compute_stats` is checked on small tables of its own. `fetch_stats` is checked
//! against the demo site on loopback, on two worker threads with the real clock; every
//! request there waits 250 ms, so the three requests together take about 0.25 s and one
//! after another about 0.75 s — the bound used, 0.5 s, is generous both ways.

use crate::ex31_api_stats::{ApiError, Order, Product, Stats, User, compute_stats, fetch_stats};
use crawler::scripted::{Reply, ScriptedSite};
use crawler::site::{DemoSite, SiteConfig};
use harness::format_secs;
use harness::grade::{on_paused_clock, on_worker_threads, require};
use std::time::{Duration, Instant};
use url::Url;

const LATENCY: Duration = Duration::from_millis(250);

fn user(id: u32, name: &str, age: u32) -> User {
    User {
        id,
        name: name.to_string(),
        age,
    }
}

fn product(id: u32, name: &str, price: f64) -> Product {
    Product {
        id,
        name: name.to_string(),
        price,
    }
}

fn order(id: u32, user: u32, product: u32, quantity: u32) -> Order {
    Order {
        id,
        user,
        product,
        quantity,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn require_stats(what: &str, got: &Result<Stats, ApiError>, expected: &Stats) {
    let ok = match got {
        Ok(stats) => {
            close(stats.average_age, expected.average_age)
                && close(stats.total_revenue, expected.total_revenue)
                && stats.best_seller == expected.best_seller
                && stats.top_customer == expected.top_customer
        }
        Err(_) => false,
    };
    require(ok, || {
        format!("{what} gave {got:?}; expected Ok({expected:?}).")
    });
}

#[test]
fn compute_stats_adds_up_a_small_shop() {
    on_paused_clock(|| async {
        let users = [user(1, "Ann", 30), user(2, "Bob", 40), user(7, "Cy", 23)];
        let products = [
            product(10, "pen", 1.5),
            product(20, "book", 12.0),
            product(30, "lamp", 30.0),
        ];
        let orders = [
            order(1, 2, 10, 4),
            order(2, 7, 20, 1),
            order(3, 2, 10, 2),
            order(4, 1, 30, 1),
        ];
        // Revenue: 1.5×4 + 12 + 1.5×2 + 30 = 51. Pens sold: 6. Ann spent 30, Bob 9, Cy 12.
        require_stats(
            "compute_stats of 3 users (ages 30, 40, 23), 3 products and 4 orders",
            &compute_stats(&users, &products, &orders),
            &Stats {
                average_age: 31.0,
                total_revenue: 51.0,
                best_seller: "pen".to_string(),
                top_customer: "Ann".to_string(),
            },
        );
        // A tie: book and lamp both sold 2; Ann and Bob both spent 24. The first listed wins.
        let products = [product(1, "book", 12.0), product(2, "lamp", 6.0)];
        let users = [user(1, "Ann", 20), user(2, "Bob", 21)];
        let orders = [order(1, 2, 2, 2), order(2, 1, 1, 2)];
        require_stats(
            "compute_stats with a tie (book and lamp both sold 2, Ann and Bob both spent 24)",
            &compute_stats(&users, &products, &orders),
            &Stats {
                average_age: 20.5,
                total_revenue: 36.0,
                best_seller: "book".to_string(),
                top_customer: "Ann".to_string(),
            },
        );
    });
}

#[test]
fn compute_stats_refuses_data_that_does_not_add_up() {
    on_paused_clock(|| async {
        let users = [user(1, "Ann", 30)];
        let products = [product(1, "pen", 1.5)];
        let cases: [(&str, &[User], &[Order]); 4] = [
            (
                "an order for product 9, which does not exist",
                &users,
                &[order(1, 1, 9, 1)],
            ),
            (
                "an order by user 5, who does not exist",
                &users,
                &[order(1, 5, 1, 1)],
            ),
            ("no users at all", &[], &[order(1, 1, 1, 1)]),
            ("no orders at all", &users, &[]),
        ];
        for (what, users, orders) in cases {
            let got = compute_stats(users, &products, orders);
            require(matches!(got, Err(ApiError::Data(_))), || {
                format!(
                    "compute_stats with {what} gave {got:?}; expected Err(ApiError::Data(…)): \
                     the statistics would be meaningless (or a division by zero)."
                )
            });
        }
    });
}

#[test]
fn fetch_stats_asks_the_three_endpoints_at_once() {
    on_worker_threads(|| async {
        let site = DemoSite::start(SiteConfig {
            latency: LATENCY,
            ..SiteConfig::default()
        })
        .await;
        require(site.is_ok(), || {
            "the grader could not start the demo site".to_string()
        });
        let site = site.expect("checked above");
        let started = Instant::now();
        let got = fetch_stats(&site.base).await;
        let took = started.elapsed();
        site.stop();
        // Users aged 36, 41, 45; orders: screen 189 × 1 (Ada), keyboard 49.5 × 2 (Alan),
        // cable 4.5 × 5 (Ada).
        require_stats(
            "fetch_stats of the demo site",
            &got,
            &Stats {
                average_age: 122.0 / 3.0,
                total_revenue: 310.5,
                best_seller: "cable".to_string(),
                top_customer: "Ada".to_string(),
            },
        );
        require(took < 2 * LATENCY, || {
            format!(
                "fetch_stats took {}, with every endpoint answering after {}: the three \
                 requests went one after another{}. Await them together (tokio::try_join!): \
                 about {} in all.",
                format_secs(took),
                format_secs(LATENCY),
                if took >= 3 * LATENCY {
                    ""
                } else {
                    ", or nearly"
                },
                format_secs(LATENCY)
            )
        });
    });
}

#[test]
fn no_server_or_no_such_endpoint_is_an_error_not_a_panic() {
    on_worker_threads(|| async {
        // A port with nobody listening: bind one, note it, close it.
        let listener = std::net::TcpListener::bind("127.0.0.1:0");
        let port = listener.as_ref().map(|l| l.local_addr().map(|a| a.port()));
        let Ok(Ok(port)) = port else {
            require(false, || {
                "the grader could not find a free port".to_string()
            });
            return;
        };
        drop(listener);
        let nobody = Url::parse(&format!("http://127.0.0.1:{port}/")).expect("a valid URL");
        let got = tokio::time::timeout(Duration::from_secs(5), fetch_stats(&nobody)).await;
        require(matches!(got, Ok(Err(ApiError::Http(_)))), || {
            format!(
                "fetch_stats of {nobody}, where no server listens, gave {got:?}; expected \
                 Err(ApiError::Http(…)) at once (`?` on the reqwest call)."
            )
        });

        let site = DemoSite::start(SiteConfig {
            latency: Duration::from_millis(5),
            ..SiteConfig::default()
        })
        .await;
        require(site.is_ok(), || {
            "the grader could not start the demo site".to_string()
        });
        let site = site.expect("checked above");
        let wrong = site.url("/missing/");
        let got = tokio::time::timeout(Duration::from_secs(5), fetch_stats(&wrong)).await;
        site.stop();
        require(matches!(got, Ok(Err(ApiError::Http(_)))), || {
            format!(
                "fetch_stats of {wrong}, where every endpoint answers 404 Not Found, gave \
                 {got:?}; expected Err(ApiError::Http(…)): call `error_for_status()` on the \
                 response before reading its body."
            )
        });
    });
}

#[test]
fn an_answer_that_is_not_the_json_expected_is_a_json_error() {
    on_worker_threads(|| async {
        for (body, described) in [
            (
                r#"[{"id": 1, "name": "Ada", "age": "#,
                "JSON cut off in the middle",
            ),
            (r#"{"error": "try again later"}"#, "JSON of another shape"),
        ] {
            // Every path answers 200 OK with this body.
            let Ok(site) = ScriptedSite::start(move |_| Reply::json(body)).await else {
                require(false, || {
                    "the grader could not start its server".to_string()
                });
                return;
            };
            let got = tokio::time::timeout(Duration::from_secs(5), fetch_stats(&site.base)).await;
            site.stop();
            require(matches!(got, Ok(Err(ApiError::Json(_)))), || {
                let got = got
                    .as_ref()
                    .map_or("no answer within 5 s".to_string(), |got| format!("{got:?}"));
                format!(
                    "fetch_stats of a server answering 200 OK with {described} ({body:?}) \
                     gave {got}; expected Err(ApiError::Json(…)): a body that is not the \
                     JSON expected is reported as such — `?` on serde_json's result turns \
                     its error into ApiError::Json — not read as an empty list, nor as bad \
                     data."
                )
            });
        }
    });
}
