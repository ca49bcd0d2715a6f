import Foundation
import Ledger

/// Accounts-receivable aging: overdue invoices bucketed by days late.
public enum Aging {
    static let buckets = [1...30, 31...60, 61...90, 91...10_000]

    /// Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance.
    public static func agingReport(_ invoices: [Invoice], today: Date) -> [ClosedRange<Int>: Decimal] {
        var report: [ClosedRange<Int>: Decimal] = [:]
        for invoice in invoices {
            let daysLate = Calendar.current.dateComponents([.day], from: invoice.due, to: today).day ?? 0
            if let bucket = buckets.first(where: { $0.contains(daysLate) }) {
                report[bucket, default: 0] += invoice.total + invoice.penalties.reduce(0, +)
            }
        }
        return report
    }

    public static func overdueCustomers(_ invoices: [Invoice], today: Date) -> [String] {
        Array(Set(invoices.filter { $0.due < today }.map(\.customerID))).sorted()
    }
}
