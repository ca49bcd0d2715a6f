defmodule Shop.Server do
  @moduledoc "Holds the carts of the running shop."
  use GenServer
  require Logger

  alias Shop.Cart

  def start_link(opts), do: GenServer.start_link(__MODULE__, %{}, opts)

  @impl true
  def init(carts), do: {:ok, carts}

  @impl true
  def handle_call({:add, owner, sku, price}, _from, carts) do
    cart = Map.get_lazy(carts, owner, fn -> Cart.new(owner) end)
    case Cart.add(cart, sku, price) do
      {:ok, cart} -> {:reply, :ok, Map.put(carts, owner, cart)}
      {:error, reason} -> log_refusal(owner, reason) && {:reply, {:error, reason}, carts}
    end
  end

  defmacrop log_refusal(owner, reason) do
    quote do
      Logger.warning("cart of #{unquote(owner)} refused: #{unquote(reason)}")
    end
  end
end
