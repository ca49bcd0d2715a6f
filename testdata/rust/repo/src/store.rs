//! Storage of items.

use crate::{Countable, Item, ItemId, MAX_QTY};
use std::collections::HashMap;

/// A store holds items keyed by id.
pub struct Store<T> {
    items: HashMap<ItemId, T>,
}

impl<T: Countable> Store<T> {
    /// An empty store.
    pub fn new() -> Self {
        Store { items: HashMap::new() }
    }

    /// Total units across all items.
    pub fn total(&self) -> u32 {
        self.items.values().map(|i| i.count()).sum()
    }
}

pub mod seed {
    use super::*;

    /// Builds a store with one sample item.
    pub fn sample() -> Store<Item> {
        let mut store = Store::new();
        let item = Item::new(1, "bolt", MAX_QTY);
        store.items.insert(item.id, item);
        store
    }
}
