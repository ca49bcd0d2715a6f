# frozen_string_literal: true

module Shop
  # The base of the shop's errors.
  Error = Class.new(StandardError)

  # Raised when a product is not in stock.
  class OutOfStock < Error
    def initialize(sku)
      super("out of stock: #{sku}")
    end
  end
end
