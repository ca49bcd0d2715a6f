defmodule Ledger.Penalties do
  @moduledoc "Penalties booked against invoices."

  @daily_rate Decimal.new("0.0005")

  def accrue_penalty(invoice, days) do
    amount = invoice.total |> Decimal.mult(@daily_rate) |> Decimal.mult(days) |> Decimal.round(2)
    Agent.update(invoice.penalties, &[amount | &1])
    amount
  end

  def waive_penalties(invoice), do: Agent.update(invoice.penalties, fn _ -> [] end)
end
