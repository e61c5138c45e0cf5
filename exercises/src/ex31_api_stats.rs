//! Exercise 31 — the homework: statistics from three JSON endpoints (lesson 4.5).
//!
//! The demo site serves `/api/users`, `/api/products` and `/api/orders` as JSON. In
//! asyncio you would open one `aiohttp.ClientSession`, `asyncio.gather` the three
//! `session.get(...)`s and `json.loads` each answer. Here: one `reqwest::Client`, the
//! three requests awaited together (`tokio::try_join!`, which also stops at the first
//! error), and `serde_json::from_slice` into the given structs (they derive
//! `Deserialize`). Then compute the statistics in a plain function.
//!
//! The grader's site takes a while to answer each request, so asking one endpoint after
//! another is too slow. Every failure — no server, an error status, bad JSON, data that
//! does not add up — is an `Err(ApiError)`, never a panic.
//!
//! Grade: `cargo xtask check ex31` · Stuck? `cargo xtask hint ex31`

use serde::Deserialize;
use url::Url;

/// A user, as `/api/users` lists them. (Given.)
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct User {
    /// The user's id.
    pub id: u32,
    /// Their name.
    pub name: String,
    /// Their age in years.
    pub age: u32,
}

/// A product, as `/api/products` lists them. (Given.)
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Product {
    /// The product's id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// Its price per item.
    pub price: f64,
}

/// An order, as `/api/orders` lists them. (Given.)
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Order {
    /// The order's id.
    pub id: u32,
    /// The id of the user who ordered.
    pub user: u32,
    /// The id of the product ordered.
    pub product: u32,
    /// How many items.
    pub quantity: u32,
}

/// The statistics the homework asks for. (Given.)
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// The average age of the users.
    pub average_age: f64,
    /// The sum over all orders of the product's price × the quantity.
    pub total_revenue: f64,
    /// The name of the product with the most items ordered (in all orders together).
    pub best_seller: String,
    /// The name of the user who spent the most (price × quantity over their orders).
    pub top_customer: String,
}

/// Why the statistics could not be made. (Given.)
#[derive(Debug)]
pub enum ApiError {
    /// An endpoint's URL could not be made from the base.
    Url(url::ParseError),
    /// The request failed: no connection, a timeout, or an error status (404, 500…).
    Http(reqwest::Error),
    /// The answer was not the JSON expected.
    Json(serde_json::Error),
    /// The data does not add up: no users, no orders, or an order naming a user or
    /// product that does not exist.
    Data(String),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Url(error) => write!(f, "bad URL: {error}"),
            ApiError::Http(error) => write!(f, "request failed: {error}"),
            ApiError::Json(error) => write!(f, "bad JSON: {error}"),
            ApiError::Data(why) => write!(f, "bad data: {why}"),
        }
    }
}

impl std::error::Error for ApiError {}

impl From<url::ParseError> for ApiError {
    fn from(error: url::ParseError) -> Self {
        ApiError::Url(error)
    }
}

impl From<reqwest::Error> for ApiError {
    fn from(error: reqwest::Error) -> Self {
        ApiError::Http(error)
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(error: serde_json::Error) -> Self {
        ApiError::Json(error)
    }
}

/// Computes the statistics from the three lists.
///
/// `Err(ApiError::Data(..))` if there are no users or no orders, or an order names a
/// user or product that is not in the lists. On a tie, the first in the list wins
/// (the product or user listed first).
pub fn compute_stats(
    users: &[User],
    products: &[Product],
    orders: &[Order],
) -> Result<Stats, ApiError> {
    // TODO: average age; per order, look up its product (and user), add up revenue,
    // items per product and spending per user; pick the largest.
    todo!("compute_stats")
}

/// Fetches `/api/users`, `/api/products` and `/api/orders` from the site at `base`
/// (e.g. `http://127.0.0.1:41234/`) concurrently, with one client, and computes their
/// statistics.
pub async fn fetch_stats(base: &Url) -> Result<Stats, ApiError> {
    // TODO: one reqwest::Client; three requests awaited together; an error status is an
    // error (`error_for_status`); parse each body with serde_json; then compute_stats.
    todo!("fetch_stats")
}
