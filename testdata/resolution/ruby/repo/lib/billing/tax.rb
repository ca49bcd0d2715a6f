# frozen_string_literal: true

module Billing
  # Value-added tax on invoice amounts.
  module Tax
    RATE = 0.2

    def self.compute(amount)
      (amount * RATE).round(2)
    end
  end
end
