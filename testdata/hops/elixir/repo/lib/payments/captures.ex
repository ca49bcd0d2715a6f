defmodule Payments.Captures do
  @moduledoc "Bookkeeping of captured payments: the captured amount and its retries."

  @doc "What can still be given back: the captured amount less what was refunded."
  def remaining_captured_amount(payment), do: payment.captured - payment.refunded

  @doc "Seconds to wait before retrying a charge with the same idempotency key."
  def retry_schedule(attempt), do: min(Integer.pow(2, attempt), 300)
end
