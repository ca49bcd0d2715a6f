//! The card processor's HTTP API.

use super::captures::Payment;
use super::gateway::PaymentGateway;

pub trait HttpClient {
    fn post(&mut self, path: &str, body: &str) -> String;
}

pub struct CardGateway<C> {
    pub client: C,
}

impl<C: HttpClient> PaymentGateway for CardGateway<C> {
    fn capture(&mut self, payment: &mut Payment, amount: i64, _key: &str) -> String {
        let id = self.client.post("/v1/debits", &format!("source={}&amount={amount}", payment.token));
        payment.captured += amount;
        id
    }

    fn reverse(&mut self, payment: &Payment, amount: i64) -> String {
        self.client.post("/v1/reversals", &format!("ref={}&amount={amount}", payment.processor_ref))
    }
}
