# frozen_string_literal: true

module Payments
  # Disputes: a customer contests a charge and the captured amount is held.
  module Disputes
    # Holds part of the captured amount while the customer's claim that they paid too much is examined.
    def self.open_dispute(payment, amount, reason)
      raise ArgumentError, "dispute exceeds captured amount" if amount > payment.captured

      { payment: payment.token, held: amount, reason: reason, state: :open }
    end

    def self.close_dispute(dispute, won)
      dispute.merge(state: won ? :won : :lost)
    end
  end
end
