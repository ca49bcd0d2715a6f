defmodule Shop.Cart do
  @moduledoc """
  A customer's cart of line items.
  """

  alias Shop.{Money, Pricing}
  alias Shop.Cart.Line, as: Item

  @max_lines 50

  defstruct owner: nil, lines: []

  @type t :: %__MODULE__{owner: String.t(), lines: [Item.t()]}

  defmodule Line do
    @moduledoc "One product line."
    defstruct [:sku, :price, :qty]

    @type t :: %__MODULE__{}

    @doc "Price times quantity."
    def subtotal(%__MODULE__{price: price, qty: qty}), do: price.cents * qty
  end

  @doc "An empty cart for a customer."
  def new(owner), do: %__MODULE__{owner: owner}

  @doc "Adds a line; fails when the cart is full."
  @spec add(t(), String.t(), Money.t(), pos_integer()) :: {:ok, t()} | {:error, :full}
  def add(cart, sku, price, qty \\ 1)

  def add(%__MODULE__{lines: lines}, _sku, _price, _qty) when length(lines) >= @max_lines do
    {:error, :full}
  end

  def add(cart, sku, price, qty) do
    {:ok, %{cart | lines: [%Item{sku: sku, price: price, qty: qty} | cart.lines]}}
  end

  @doc "The total after the house discount."
  def total(%__MODULE__{lines: lines}) do
    lines
    |> Enum.map(&Item.subtotal/1)
    |> Enum.sum()
    |> Pricing.discount()
    |> then(&%Money{cents: &1})
  end
end
