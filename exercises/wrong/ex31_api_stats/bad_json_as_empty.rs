//! WRONG ANSWER (kept so `cargo xtask verify` proves the grader rejects it): exercise 31
//! that reads a body which is not the JSON expected as an empty list
//! (`unwrap_or_default`), so a malformed answer surfaces as `ApiError::Data("no users")`
//! instead of `ApiError::Json`. The demo site never serves bad JSON; the check "an
//! answer that is not the JSON expected is a Json error" serves some and must catch it.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use url::Url;

/// A user, as `/api/users` lists them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct User {
    /// The user's id.
    pub id: u32,
    /// Their name.
    pub name: String,
    /// Their age in years.
    pub age: u32,
}

/// A product, as `/api/products` lists them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Product {
    /// The product's id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// Its price per item.
    pub price: f64,
}

/// An order, as `/api/orders` lists them.
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

/// The statistics the homework asks for.
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

/// Why the statistics could not be made.
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
pub fn compute_stats(
    users: &[User],
    products: &[Product],
    orders: &[Order],
) -> Result<Stats, ApiError> {
    if users.is_empty() || orders.is_empty() {
        return Err(ApiError::Data("no users or no orders".to_string()));
    }
    let average_age =
        users.iter().map(|user| f64::from(user.age)).sum::<f64>() / users.len() as f64;

    // Look-ups by id, like Python's `{p["id"]: p for p in products}`.
    let product_by_id: HashMap<u32, &Product> = products.iter().map(|p| (p.id, p)).collect();
    let user_ids: HashMap<u32, ()> = users.iter().map(|u| (u.id, ())).collect();

    let mut total_revenue = 0.0;
    let mut items: HashMap<u32, u32> = HashMap::new();
    let mut spent: HashMap<u32, f64> = HashMap::new();
    for order in orders {
        let product = product_by_id
            .get(&order.product)
            .ok_or_else(|| ApiError::Data(format!("order {} names no known product", order.id)))?;
        if !user_ids.contains_key(&order.user) {
            return Err(ApiError::Data(format!(
                "order {} names no known user",
                order.id
            )));
        }
        let amount = product.price * f64::from(order.quantity);
        total_revenue += amount;
        *items.entry(product.id).or_default() += order.quantity;
        *spent.entry(order.user).or_default() += amount;
    }

    // The largest, the first listed on a tie: `max_by` would keep the last, so compare
    // with `>` by hand while walking the list in order.
    let mut best_seller: Option<(&str, u32)> = None;
    for product in products {
        let sold = items.get(&product.id).copied().unwrap_or(0);
        if best_seller.is_none_or(|(_, most)| sold > most) {
            best_seller = Some((&product.name, sold));
        }
    }
    let mut top_customer: Option<(&str, f64)> = None;
    for user in users {
        let amount = spent.get(&user.id).copied().unwrap_or(0.0);
        if top_customer.is_none_or(|(_, most)| amount > most) {
            top_customer = Some((&user.name, amount));
        }
    }
    let (Some((best_seller, _)), Some((top_customer, _))) = (best_seller, top_customer) else {
        return Err(ApiError::Data("no products".to_string()));
    };
    Ok(Stats {
        average_age,
        total_revenue,
        best_seller: best_seller.to_string(),
        top_customer: top_customer.to_string(),
    })
}

/// GETs `base` + `path` with `client` and parses the JSON answer as a `T`.
async fn get_json<T: DeserializeOwned + Default>(
    client: &reqwest::Client,
    base: &Url,
    path: &str,
) -> Result<T, ApiError> {
    let url = base.join(path)?;
    // `error_for_status` turns a 404 or 500 into an `Err` (aiohttp's `raise_for_status`).
    let body = client
        .get(url)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    Ok(serde_json::from_slice(&body).unwrap_or_default())
}

/// Fetches the three endpoints concurrently, with one client, and computes statistics.
pub async fn fetch_stats(base: &Url) -> Result<Stats, ApiError> {
    // One client for all three: it pools connections (one `ClientSession`).
    let client = reqwest::Client::new();
    // `try_join!` is `asyncio.gather`: the three requests wait for the server together,
    // and the first error ends it (the other two are dropped: cancelled).
    let (users, products, orders) = tokio::try_join!(
        get_json::<Vec<User>>(&client, base, "api/users"),
        get_json::<Vec<Product>>(&client, base, "api/products"),
        get_json::<Vec<Order>>(&client, base, "api/orders"),
    )?;
    compute_stats(&users, &products, &orders)
}
