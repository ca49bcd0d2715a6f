defmodule Shop.Pricing do
  @moduledoc "Discount and tax rules."

  import Shop.Money, only: [add: 2]

  @house_discount 0.1
  @tax_rate 0.2

  @doc "Takes the house discount off an amount in cents."
  def discount(cents, rate \\ @house_discount) when is_integer(cents) do
    round(cents * (1 - rate))
  end

  @doc false
  def with_tax(cents), do: round(cents * (1 + @tax_rate))

  defp sum(moneys), do: Enum.reduce(moneys, &add/2)
end
