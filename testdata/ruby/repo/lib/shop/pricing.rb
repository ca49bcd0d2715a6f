# frozen_string_literal: true

module Shop
  # Discount and tax rules.
  module Pricing
    DEFAULT_TAX = 0.2
    HOUSE_DISCOUNT = 0.1

    module_function

    # Takes the house discount off an amount in cents.
    def discount(cents, rate = HOUSE_DISCOUNT)
      (cents * (1 - rate)).round
    end

    # Adds tax to an amount in cents.
    def with_tax(cents)
      (cents * (1 + Shop.config[:tax_rate])).round
    end
  end
end
