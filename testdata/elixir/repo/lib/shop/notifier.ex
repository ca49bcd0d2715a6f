defmodule Shop.Notifier do
  @moduledoc "Sends a customer the news about their order."

  @doc "Delivers `message`; returns `:ok` or an error."
  @callback deliver(customer :: String.t(), message :: String.t()) :: :ok | {:error, term()}

  @doc false
  defmacro __using__(_opts) do
    quote do
      @behaviour Shop.Notifier
    end
  end
end
