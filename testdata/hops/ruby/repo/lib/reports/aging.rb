# frozen_string_literal: true

module Reports
  # Accounts-receivable aging: overdue invoices bucketed by days late.
  module Aging
    BUCKETS = [1..30, 31..60, 61..90, 91..10_000].freeze

    # Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance.
    def self.aging_report(invoices, today)
      report = BUCKETS.to_h { |bucket| [bucket, 0] }
      invoices.each do |invoice|
        days_late = (today - invoice.due).to_i
        bucket = BUCKETS.find { |range| range.cover?(days_late) }
        report[bucket] += invoice.total + invoice.penalties.sum if bucket
      end
      report
    end

    def self.overdue_customers(invoices, today)
      invoices.select { |invoice| invoice.due < today }.map(&:customer_id).uniq.sort
    end
  end
end
