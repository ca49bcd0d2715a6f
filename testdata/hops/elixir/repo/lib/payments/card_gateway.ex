defmodule Payments.CardGateway do
  @moduledoc "The card processor's HTTP API."
  @behaviour Payments.Gateway

  @impl true
  def capture(payment, amount, _request_id) do
    {:ok, %{"id" => id}} = Req.post("/v1/debits", json: %{source: payment.token, amount: amount})
    {:ok, id}
  end

  @impl true
  def reverse(payment, amount) do
    {:ok, %{"id" => id}} = Req.post("/v1/reversals", json: %{ref: payment.processor_ref, amount: amount})
    {:ok, id}
  end
end
