//! A tiny inventory library.

pub mod store;

use std::collections::HashMap;
use std::fmt::{self, Display};

/// Largest quantity a single item may hold.
pub const MAX_QTY: u32 = 1_000;

static DEFAULT_NAME: &str = "unnamed";

/// Identifier of an item in the inventory.
pub type ItemId = u64;

/// One stocked item.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: ItemId,
    pub name: String,
    pub qty: u32,
}

/// Where an item is kept.
pub enum Location {
    Shelf(u32),
    Backroom,
}

/// Something that can be counted.
pub trait Countable {
    /// How many units there are.
    fn count(&self) -> u32;

    fn is_empty(&self) -> bool {
        self.count() == 0
    }
}

impl Item {
    /// Creates an item, clamping the quantity.
    pub fn new(id: ItemId, name: &str, qty: u32) -> Self {
        let name = if name.is_empty() { DEFAULT_NAME } else { name };
        Item { id, name: name.to_string(), qty: qty.min(MAX_QTY) }
    }
}

impl Countable for Item {
    fn count(&self) -> u32 {
        self.qty
    }
}

impl Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} x{}", self.name, self.qty)
    }
}

/// Indexes items by id.
pub fn index(items: Vec<Item>) -> HashMap<ItemId, Item> {
    items.into_iter().map(|item| (item.id, item)).collect()
}

#[repr(C)]
pub union Raw {
    pub int: u32,
    pub float: f32,
}

macro_rules! item {
    ($id:expr, $name:expr) => {
        $crate::Item::new($id, $name, 1)
    };
}
