//! Outgoing email through the SMTP relay, with a bounce log.

use std::sync::Mutex;

pub static BOUNCED: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub fn send_email(customer_id: &str, subject: &str, body: &str) -> bool {
    let address = format!("{customer_id}@customers.example.com");
    if address.len() > 254 || subject.is_empty() || body.is_empty() {
        BOUNCED.lock().map(|mut b| b.push(customer_id.to_string())).ok();
        return false;
    }
    true
}

/// Resends the overdue reminder email of every customer whose last email bounced.
pub fn resend_bounced(mut send: impl FnMut(&str, bool)) {
    let bounced: Vec<String> = BOUNCED.lock().map(|mut b| b.drain(..).collect()).unwrap_or_default();
    for customer_id in bounced {
        send(&customer_id, true);
    }
}
