# frozen_string_literal: true

require "shop/money"

# Invoices grouped by how late they are.
class Shop::Report::Aging
  BUCKETS = [30, 60, 90].freeze

  def initialize(invoices)
    @invoices = invoices
  end

  # Buckets of overdue invoices, by days late.
  def buckets(today)
    @invoices.group_by { |invoice| bucket_for(today - invoice.due_on) }
  end

  private

  def bucket_for(days)
    BUCKETS.find { |limit| days <= limit } || BUCKETS.last
  end
end
