# frozen_string_literal: true

require "bigdecimal"
require_relative "shop/money"
require_relative "shop/cart"
require_relative "shop/pricing"

# A small shop: carts, prices and reports.
module Shop
  # The gem's version.
  VERSION = "1.4.0"

  # The shop-wide settings, read once.
  def self.config
    @config ||= { currency: "EUR", tax_rate: Pricing::DEFAULT_TAX }
  end
end
