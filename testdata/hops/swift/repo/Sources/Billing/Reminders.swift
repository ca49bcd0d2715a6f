import Foundation
import Ledger
import Notifications

/// Reminder emails for unpaid invoices past their due date.
public enum Reminders {
    static let graceDays = 3

    /// Emails the customer about an overdue invoice; a resend repeats the email after a bounce.
    @discardableResult
    public static func sendOverdueReminder(_ invoice: Invoice, today: Date, resend: Bool = false) -> Bool? {
        let daysLate = Calendar.current.dateComponents([.day], from: invoice.due, to: today).day ?? 0
        guard daysLate > graceDays else { return nil }
        let lateFee = Penalties.accruePenalty(invoice, days: daysLate)
        let body = Templates.renderReminder(invoice, daysLate: daysLate, lateFee: lateFee)
        return Email.sendEmail(to: invoice.customerID, subject: "Your invoice is overdue", body: body)
    }
}
