//! Exercise 24 — producers and consumers over a bounded queue (lesson 4.4).
//!
//! `asyncio.Queue(maxsize=2)` between producers and consumers becomes a bounded
//! `tokio::sync::mpsc` channel. Three things to get right:
//!
//! - **Backpressure**: `send(item).await` waits while the queue is full, so producers
//!   that outpace the consumers are held back instead of piling items up.
//! - **Sharing the work**: an `mpsc` channel has one receiver; several consumers share it
//!   behind a `tokio::sync::Mutex`, each taking the next item — every item is packed by
//!   exactly one consumer.
//! - **The end**: no `None` sentinel is needed. When every `Sender` has been dropped,
//!   `recv()` returns `None` once the queue is empty, and the consumers stop.
//!
//! Grade: `cargo xtask check ex24` · Stuck? `cargo xtask hint ex24`

use std::sync::{Arc, Mutex as StdMutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::sync::{Mutex, mpsc};
use tokio::time::{Instant, sleep};

/// How long making one item takes.
pub const MAKE_TIME: Duration = Duration::from_millis(500);
/// How long packing one item takes.
pub const PACK_TIME: Duration = Duration::from_secs(1);

/// An item: which producer made it, and its serial number at that producer. (Given.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Item {
    /// The producer that made it.
    pub producer: u32,
    /// 1, 2, 3, … at that producer.
    pub serial: u32,
}

/// One thing that happened at the plant. (Given.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A producer began making `item`.
    MakeStarted(Item, Instant),
    /// `item` was made.
    Made(Item, Instant),
    /// `consumer` began packing `item`.
    PackStarted(Item, u32, Instant),
    /// `item` was packed.
    Packed(Item, Instant),
}

/// The plant: where items are made and packed, with a log of everything. (Given.)
/// Clones share the log.
#[derive(Debug, Clone, Default)]
pub struct Plant {
    log: Arc<StdMutex<Vec<Event>>>,
}

impl Plant {
    /// A plant with an empty log.
    pub fn new() -> Plant {
        Plant::default()
    }

    fn note(&self, event: Event) {
        self.lock().push(event);
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Event>> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes item number `serial` of `producer`. Takes `MAKE_TIME`.
    pub async fn make(&self, producer: u32, serial: u32) -> Item {
        let item = Item { producer, serial };
        self.note(Event::MakeStarted(item, Instant::now()));
        sleep(MAKE_TIME).await;
        self.note(Event::Made(item, Instant::now()));
        item
    }

    /// `consumer` packs `item`. Takes `PACK_TIME`.
    pub async fn pack(&self, consumer: u32, item: Item) {
        self.note(Event::PackStarted(item, consumer, Instant::now()));
        sleep(PACK_TIME).await;
        self.note(Event::Packed(item, Instant::now()));
    }

    /// Everything that happened so far, in order.
    pub fn log(&self) -> Vec<Event> {
        self.lock().clone()
    }
}

/// The receiving end of the queue, shared by several consumers.
pub type SharedQueue = Arc<Mutex<mpsc::Receiver<Item>>>;

/// A producer: makes items `1..=count` of `producer` one after another
/// (`plant.make(producer, serial)`) and sends each one into `queue`. While the queue is
/// full it waits, and makes nothing more until there is room.
pub async fn producer(plant: Plant, producer: u32, count: u32, queue: mpsc::Sender<Item>) {
    // TODO: make, send, repeat.
    todo!("producer")
}

/// A consumer: takes items from the shared queue, one at a time, and packs each one
/// (`plant.pack(consumer, item)`), until the queue is closed and empty. Returns how many
/// items it packed. Other consumers share the queue and must be able to take items while
/// this one is packing.
pub async fn consumer(plant: Plant, consumer: u32, queue: SharedQueue) -> u32 {
    // TODO: take the next item (holding the lock only for that), pack it, repeat.
    todo!("consumer")
}

/// The whole line: `producers` producers (numbered from 1) making `items_each` items each,
/// and `consumers` consumers (numbered from 1) packing them, joined by a queue that holds
/// at most `capacity` items. All of them run at the same time, as tasks. Returns how many
/// items were packed, once every item is packed and every producer and consumer is done.
pub async fn run_line(
    plant: &Plant,
    producers: u32,
    items_each: u32,
    consumers: u32,
    capacity: usize,
) -> u32 {
    // TODO: a bounded channel; spawn the consumers and the producers; wait for them all.
    todo!("run_line")
}
