defmodule Shop do
  @moduledoc """
  A small shop: carts, prices and reports.
  """

  @doc "The shop-wide currency."
  def currency, do: Application.get_env(:shop, :currency, "EUR")
end
