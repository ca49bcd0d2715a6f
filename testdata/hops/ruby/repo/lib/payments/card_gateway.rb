# frozen_string_literal: true

require "payments/gateway"

module Payments
  # The card processor's HTTP API.
  class CardGateway < PaymentGateway
    def initialize(client)
      @client = client
    end

    def capture(payment, amount, request_id)
      response = @client.post("/v1/debits", source: payment.token, amount: amount)
      payment.captured += amount
      response.fetch("id")
    end

    def reverse(payment, amount)
      @client.post("/v1/reversals", ref: payment.processor_ref, amount: amount).fetch("id")
    end
  end
end
