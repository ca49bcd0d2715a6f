defmodule Billing.Tax do
  @moduledoc "Value-added tax on invoice amounts."

  @rate 0.2

  def compute(amount), do: Float.round(amount * @rate, 2)
end
