//! Events the card processor posts back to us.

use std::collections::HashSet;

use super::captures::Payment;

pub struct ChargeEvent {
    pub idempotency_key: String,
    pub processor_ref: String,
}

/// The processor may deliver the same charge event twice when it is retrying;
/// events are deduplicated by idempotency key so the money is not counted twice.
pub fn handle_charge_event(seen: &mut HashSet<String>, event: &ChargeEvent, payment: &mut Payment) -> bool {
    if !seen.insert(event.idempotency_key.clone()) {
        return false;
    }
    payment.processor_ref = event.processor_ref.clone();
    true
}
