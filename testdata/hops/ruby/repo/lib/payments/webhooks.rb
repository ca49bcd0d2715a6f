# frozen_string_literal: true

require "set"

module Payments
  # Events the card processor posts back to us.
  module Webhooks
    SEEN_KEYS = Set.new

    # The processor may deliver the same charge event twice when it is retrying;
    # events are deduplicated by idempotency key so the money is not counted twice.
    def self.handle_charge_event(event, payments)
      key = event.fetch("idempotency_key")
      return false if SEEN_KEYS.include?(key)

      SEEN_KEYS << key
      payment = payments.fetch(event.fetch("payment_id"))
      payment.processor_ref = event.fetch("processor_ref")
      true
    end
  end
end
