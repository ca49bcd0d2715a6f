/// Outgoing email through the SMTP relay, with a bounce log.
public enum Email {
    static let relay = "smtp.internal"
    static var bounced: [String] = []

    @discardableResult
    public static func sendEmail(to customerID: String, subject: String, body: String) -> Bool {
        let delivered = SMTPRelay(host: relay).deliver(to: "\(customerID)@customers.example.com", subject: subject, body: body)
        if !delivered {
            bounced.append(customerID)
        }
        return delivered
    }

    /// Resends the overdue reminder email of every customer whose last email bounced.
    public static func resendBounced<Invoice>(_ invoicesByCustomer: [String: [Invoice]], send: (Invoice, Bool) -> Void) {
        let customers = bounced
        bounced.removeAll()
        for customerID in customers {
            for invoice in invoicesByCustomer[customerID] ?? [] {
                send(invoice, true)
            }
        }
    }
}

struct SMTPRelay {
    let host: String

    func deliver(to address: String, subject: String, body: String) -> Bool {
        !address.isEmpty && !host.isEmpty
    }
}
