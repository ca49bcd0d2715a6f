# frozen_string_literal: true

require_relative "document"

# An invoice prints through the page layout it inherits.
class Invoice < Document
  def initialize(lines)
    @lines = lines
  end

  def total
    @lines.sum(&:amount)
  end

  def print
    render()
  end

  def summary
    "Invoice of #{self.total()}"
  end
end
