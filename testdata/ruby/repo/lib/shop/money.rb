# frozen_string_literal: true

module Shop
  # An amount of money in cents, in one currency.
  class Money
    include Comparable

    attr_reader :cents, :currency

    def initialize(cents, currency = "EUR")
      @cents = Integer(cents)
      @currency = currency
    end

    # Money from a decimal string such as "12.30".
    def self.parse(text, currency = "EUR")
      new((BigDecimal(text) * 100).round, currency)
    end

    def +(other)
      same_currency!(other)
      Money.new(cents + other.cents, currency)
    end

    def <=>(other)
      cents <=> other.cents
    end

    # Formats as "12.30 EUR".
    def to_s
      format("%.2f %s", cents / 100.0, currency)
    end
    alias inspect to_s

    private

    def same_currency!(other)
      raise ArgumentError, "currency mismatch" unless other.currency == currency
    end
  end
end
