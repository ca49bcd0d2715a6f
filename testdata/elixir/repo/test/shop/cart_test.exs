defmodule Shop.CartTest do
  use ExUnit.Case, async: true

  alias Shop.{Cart, Money}

  test "a full cart refuses lines" do
    cart = Enum.reduce(1..50, Cart.new("ann"), fn i, cart -> elem(Cart.add(cart, "sku#{i}", %Money{cents: 1}), 1) end)
    assert {:error, :full} = Cart.add(cart, "one more", %Money{cents: 1})
  end
end
