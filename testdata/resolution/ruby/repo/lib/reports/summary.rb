# frozen_string_literal: true

require "shipping/tax"

# Totals of the parcels shipped in a month.
class Summary
  def initialize(parcels)
    @parcels = parcels
  end

  # Outside `module Billing`, `Tax` is the one required here.
  def tally
    @parcels.sum { |parcel| Tax.compute(parcel.weight) }
  end
end
