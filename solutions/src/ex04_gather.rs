//! Exercise 4 — gather a dashboard (lesson 4.2): reference solution.

use std::time::Duration;

/// The shop's back end (simulated): what each request answers and how long it takes.
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

/// Loads the dashboard from `backend`, making the three requests at the same time.
pub async fn load_dashboard(backend: &Backend) -> Dashboard {
    // join! polls all three futures together and returns their outputs as a tuple, so
    // each keeps its own type — asyncio.gather for a fixed set of different things.
    let (users, product_count, revenue) = tokio::join!(
        backend.fetch_users(),
        backend.fetch_product_count(),
        backend.fetch_revenue(),
    );
    Dashboard {
        users,
        product_count,
        revenue,
    }
}
