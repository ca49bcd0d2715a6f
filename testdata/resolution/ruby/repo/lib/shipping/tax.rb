# frozen_string_literal: true

module Shipping
  # Customs duty on parcels, by weight.
  module Tax
    PER_KILO = 1.5

    def self.compute(weight)
      (weight * PER_KILO).round(2)
    end
  end
end
