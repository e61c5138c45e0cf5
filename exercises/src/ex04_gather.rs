//! Exercise 4 — gather a dashboard (lesson 4.2).
//!
//! A dashboard needs three things from the shop's back end: the users (1 s), the number
//! of products (2 s) and the revenue from the orders (1.5 s). Fetched one after another
//! that is 4.5 s; fetched together — `await asyncio.gather(users(), products(),
//! orders())` in Python — it is 2 s, as long as the slowest. The three answers have
//! different types, which `tokio::join!` handles well: it gives back a tuple.
//!
//! Grade: `cargo xtask check ex04` · Stuck? `cargo xtask hint ex04`

use std::time::Duration;

/// The shop's back end (simulated): what each request answers and how long it takes.
/// (Given.)
#[derive(Debug, Clone, PartialEq)]
pub struct Backend {
    /// The user names `fetch_users` returns.
    pub users: Vec<String>,
    /// How long `fetch_users` takes.
    pub users_delay: Duration,
    /// The number `fetch_product_count` returns.
    pub product_count: u32,
    /// How long `fetch_product_count` takes.
    pub products_delay: Duration,
    /// The amount `fetch_revenue` returns.
    pub revenue: f64,
    /// How long `fetch_revenue` takes.
    pub orders_delay: Duration,
}

impl Backend {
    /// The lesson's back end: users 1 s, products 2 s, orders 1.5 s.
    pub fn example() -> Backend {
        Backend {
            users: vec!["ada".to_string(), "grace".to_string(), "linus".to_string()],
            users_delay: Duration::from_secs(1),
            product_count: 42,
            products_delay: Duration::from_secs(2),
            revenue: 1234.5,
            orders_delay: Duration::from_millis(1500),
        }
    }

    /// Fetches the user names.
    pub async fn fetch_users(&self) -> Vec<String> {
        tokio::time::sleep(self.users_delay).await;
        self.users.clone()
    }

    /// Fetches how many products the shop sells.
    pub async fn fetch_product_count(&self) -> u32 {
        tokio::time::sleep(self.products_delay).await;
        self.product_count
    }

    /// Fetches the revenue from all orders.
    pub async fn fetch_revenue(&self) -> f64 {
        tokio::time::sleep(self.orders_delay).await;
        self.revenue
    }
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    /// From `fetch_users`.
    pub users: Vec<String>,
    /// From `fetch_product_count`.
    pub product_count: u32,
    /// From `fetch_revenue`.
    pub revenue: f64,
}

/// Loads the dashboard from `backend`, making the three requests at the same time, so
/// that it takes as long as the slowest request rather than all three added up.
pub async fn load_dashboard(backend: &Backend) -> Dashboard {
    // TODO: run the three fetches concurrently and build the Dashboard from the answers.
    todo!("load_dashboard")
}
