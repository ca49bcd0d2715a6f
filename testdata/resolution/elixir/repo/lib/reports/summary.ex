defmodule Reports.Summary do
  @moduledoc "Totals of a month of parcels and invoices."

  alias Shipping.Tax
  alias Billing.Tax, as: Vat

  @doc "Duty of every parcel: `Tax` is the aliased shipping module."
  def tally(parcels), do: parcels |> Enum.map(&Tax.compute(&1.weight)) |> Enum.sum()

  @doc "VAT of every invoice, through `as: Vat`."
  def vat_total(amounts), do: amounts |> Enum.map(fn amount -> Vat.compute(amount) end) |> Enum.sum()
end
