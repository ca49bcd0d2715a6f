# frozen_string_literal: true

# A cart is no document: it renders itself.
class Cart
  def initialize(items)
    @items = items
  end

  def subtotal
    @items.sum(&:price)
  end

  def render
    @items.map(&:name).join(", ")
  end

  def print
    render()
  end
end
