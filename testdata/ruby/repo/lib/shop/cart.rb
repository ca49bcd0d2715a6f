# frozen_string_literal: true

require_relative "money"
require_relative "errors"

module Shop
  # A customer's cart of line items.
  class Cart
    # Most lines a cart may hold.
    MAX_LINES = 50

    # One product line.
    Line = Struct.new(:sku, :price, :qty) do
      # Price times quantity.
      def subtotal
        price.cents * qty
      end
    end

    class << self
      # An empty cart for a customer.
      def for_customer(customer)
        new(customer.id)
      end
    end

    def initialize(owner)
      @owner = owner
      @lines = []
    end

    # Adds a line; raises when the cart is full.
    def add(sku, price, qty = 1)
      raise OutOfStock, sku if qty.zero?
      raise Error, "cart is full" if @lines.size >= MAX_LINES

      @lines << Line.new(sku, price, qty)
      self
    end

    # The total after the house discount.
    def total
      cents = @lines.sum(&:subtotal)
      Money.new(Pricing.discount(cents))
    end
  end
end
