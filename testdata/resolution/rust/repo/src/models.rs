//! Invoices and carts each have a total and a constructor.

pub struct Invoice {
    lines: Vec<f64>,
}

impl Invoice {
    pub fn new(lines: Vec<f64>) -> Self {
        Invoice { lines }
    }

    pub fn total(&self) -> f64 {
        self.lines.iter().sum()
    }

    pub fn summary(&self) -> String {
        let total = self.total();
        format!("invoice of {total}")
    }
}

pub struct Cart {
    items: Vec<(String, f64)>,
}

impl Cart {
    pub fn new() -> Self {
        Cart { items: Vec::new() }
    }

    pub fn total(&self) -> f64 {
        self.items.iter().map(|(_, price)| price).sum()
    }

    pub fn describe(&self) -> String {
        let total = self.total();
        format!("cart of {total}")
    }
}

pub fn total(values: &[f64]) -> f64 {
    values.iter().sum()
}

pub fn grand_total(invoices: &[Invoice]) -> f64 {
    let totals: Vec<f64> = invoices.iter().map(|i| i.total()).collect();
    total(&totals)
}

pub fn bill(lines: Vec<f64>) -> Invoice {
    Invoice::new(lines)
}

pub fn open_cart() -> Cart {
    Cart::new()
}
