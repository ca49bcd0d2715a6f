defmodule Payments.Webhooks do
  @moduledoc "Events the card processor posts back to us."

  @doc """
  The processor may deliver the same charge event twice when it is retrying;
  events are deduplicated by idempotency key so the money is not counted twice.
  """
  def handle_charge_event(%{"idempotency_key" => key} = event, payments) do
    if :ets.insert_new(:seen_keys, {key}) do
      payment = Map.fetch!(payments, event["payment_id"])
      {:ok, %{payment | processor_ref: event["processor_ref"]}}
    else
      :duplicate
    end
  end
end
