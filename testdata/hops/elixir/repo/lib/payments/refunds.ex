defmodule Payments.Refunds do
  @moduledoc "Refunds: money given back through the gateway, never more than was captured."

  alias Payments.Captures

  defmodule RefundError do
    defexception message: "refund failed"
  end

  @doc "Refunds `amount`, in whole currency units (not cents)."
  def issue_refund(gateway, payment, amount) do
    if amount > Captures.remaining_captured_amount(payment) do
      raise RefundError, "refund exceeds captured amount"
    end

    gateway.reverse(payment, amount)
    %{payment | refunded: payment.refunded + amount}
  end
end
