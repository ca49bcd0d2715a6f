defmodule Payments.Disputes do
  @moduledoc "Disputes: a customer contests a charge and the captured amount is held."

  @doc "Holds part of the captured amount while the customer's claim that they paid too much is examined."
  def open_dispute(payment, amount, reason) do
    if amount > payment.captured, do: raise(ArgumentError, "dispute exceeds captured amount")
    %{payment: payment.token, held: amount, reason: reason, state: :open}
  end

  def close_dispute(dispute, won), do: %{dispute | state: if(won, do: :won, else: :lost)}
end
