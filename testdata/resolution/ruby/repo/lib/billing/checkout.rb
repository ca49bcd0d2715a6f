# frozen_string_literal: true

require "billing/tax"
require "shipping/tax"

module Billing
  # Turns a cart into amounts to charge.
  class Checkout
    def initialize(cart)
      @cart = cart
    end

    # The amount with VAT: `Tax` inside `module Billing` is `Billing::Tax`.
    def total
      amount = @cart.subtotal
      amount + Tax.compute(amount)
    end

    # The duty of the parcel, named in full.
    def quote(weight)
      Shipping::Tax.compute(weight)
    end
  end
end
