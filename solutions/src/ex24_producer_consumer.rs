//! Exercise 24 — producers and consumers over a bounded queue (lesson 4.4): reference
//! solution.

use std::sync::{Arc, Mutex as StdMutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::sync::{Mutex, mpsc};
use tokio::time::{Instant, sleep};

/// How long making one item takes.
pub const MAKE_TIME: Duration = Duration::from_millis(500);
/// How long packing one item takes.
pub const PACK_TIME: Duration = Duration::from_secs(1);

/// An item: which producer made it, and its serial number at that producer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Item {
    /// The producer that made it.
    pub producer: u32,
    /// 1, 2, 3, … at that producer.
    pub serial: u32,
}

/// One thing that happened at the plant.
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

/// The plant: where items are made and packed, with a log of everything.
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

/// Makes items `1..=count` of `producer` one after another, sending each into `queue`.
pub async fn producer(plant: Plant, producer: u32, count: u32, queue: mpsc::Sender<Item>) {
    for serial in 1..=count {
        let item = plant.make(producer, serial).await;
        // While the queue is full this waits: the producer makes nothing more until a
        // consumer has taken an item. That is backpressure.
        if queue.send(item).await.is_err() {
            return; // nobody is listening any more
        }
    }
    // Returning drops `queue`, this producer's sender.
}

/// Packs items from the shared queue until it is closed and empty; returns how many.
pub async fn consumer(plant: Plant, consumer: u32, queue: SharedQueue) -> u32 {
    let mut packed = 0;
    loop {
        // The lock guard is a temporary: it is dropped at the end of this statement, so
        // the queue is locked only while taking an item, never while packing it.
        let next = queue.lock().await.recv().await;
        let Some(item) = next else { break };
        plant.pack(consumer, item).await;
        packed += 1;
    }
    packed
}

/// Runs `producers` producers of `items_each` items and `consumers` consumers over a
/// queue of `capacity`; returns how many items were packed.
pub async fn run_line(
    plant: &Plant,
    producers: u32,
    items_each: u32,
    consumers: u32,
    capacity: usize,
) -> u32 {
    let (sender, receiver) = mpsc::channel(capacity);
    let queue: SharedQueue = Arc::new(Mutex::new(receiver));
    let packers: Vec<_> = (1..=consumers)
        .map(|id| tokio::spawn(consumer(plant.clone(), id, queue.clone())))
        .collect();
    let makers: Vec<_> = (1..=producers)
        .map(|id| tokio::spawn(producer(plant.clone(), id, items_each, sender.clone())))
        .collect();
    // Each producer has its own clone; drop the original, or the queue never closes
    // and the consumers wait for ever.
    drop(sender);
    for maker in makers {
        maker.await.expect("a producer does not panic");
    }
    let mut packed = 0;
    for packer in packers {
        packed += packer.await.expect("a consumer does not panic");
    }
    packed
}
