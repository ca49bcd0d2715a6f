defmodule Billing.Ledger do
  @moduledoc "Postings of an account; its own `compute` is the running balance."

  def compute(postings), do: Enum.sum(postings)

  @doc "A bare call is a function of this module."
  def record(postings, amount), do: compute([amount | postings])

  @doc "So is a call through `__MODULE__`."
  def post(postings, amount), do: __MODULE__.compute([amount | postings])
end
