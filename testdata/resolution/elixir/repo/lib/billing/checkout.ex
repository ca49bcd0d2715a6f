defmodule Billing.Checkout do
  @moduledoc "Turns a cart into amounts to charge."

  alias Billing.Tax

  @doc "The amount with VAT: `Tax` is the aliased `Billing.Tax`."
  def total(cart) do
    amount = cart.subtotal
    amount + Tax.compute(amount)
  end

  @doc "The duty of the parcel, named in full."
  def quote(weight), do: Shipping.Tax.compute(weight)
end
