defmodule Payments.Gateway do
  @moduledoc "The behaviour every payment gateway implements."

  @doc """
  Takes the money. Calling it again with the same idempotency key (`request_id`)
  must not take the money twice: it returns the first result instead.
  """
  @callback capture(payment :: map(), amount :: integer(), request_id :: String.t()) :: {:ok, String.t()}

  @doc "Gives money back for a captured payment."
  @callback reverse(payment :: map(), amount :: integer()) :: {:ok, String.t()}
end
