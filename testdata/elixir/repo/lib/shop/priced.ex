defprotocol Shop.Priced do
  @moduledoc "Anything with a price in cents."

  @doc "The price in cents."
  def price(item)
end

defimpl Shop.Priced, for: Shop.Cart do
  def price(cart), do: Shop.Cart.total(cart).cents
end
