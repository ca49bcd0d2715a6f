//! Billing: invoices, reminders, ledger, exports and payments.

pub mod billing {
    pub mod invoices;
    pub mod money;
    pub mod reminders;
}
pub mod ledger {
    pub mod penalties;
}
pub mod notify {
    pub mod email;
    pub mod templates;
}
pub mod reports {
    pub mod aging;
    pub mod revenue;
}
pub mod export;
pub mod import {
    pub mod statement;
}
pub mod payments {
    pub mod captures;
    pub mod disputes;
    pub mod card;
    pub mod gateway;
    pub mod refunds;
    pub mod webhooks;
}
pub mod support {
    pub mod desk;
}
