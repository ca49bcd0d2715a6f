# frozen_string_literal: true

module Payments
  # The interface every payment gateway implements.
  class PaymentGateway
    # Takes the money. Calling it again with the same idempotency key (`request_id`)
    # must not take the money twice: it returns the first result instead.
    def capture(payment, amount, request_id)
      raise NotImplementedError
    end

    # Gives money back for a captured payment.
    def reverse(payment, amount)
      raise NotImplementedError
    end
  end
end
