defmodule Shop.Money do
  @moduledoc "An amount of money in cents, in one currency."

  @enforce_keys [:cents]
  defstruct cents: 0, currency: "EUR"

  @type t :: %__MODULE__{cents: integer(), currency: String.t()}

  @doc """
  Money from a decimal string such as "12.30".
  """
  @spec parse(String.t()) :: t()
  def parse(text) do
    cents = text |> Decimal.new() |> Decimal.mult(100) |> Decimal.to_integer()
    %__MODULE__{cents: cents, currency: Shop.currency()}
  end

  @doc "Adds two amounts of one currency."
  def add(%__MODULE__{currency: c} = a, %__MODULE__{currency: c} = b), do: %{a | cents: a.cents + b.cents}
  def add(_a, _b), do: raise(ArgumentError, "currency mismatch")

  # Formats as "12.30 EUR".
  def to_string(%__MODULE__{cents: cents, currency: currency}) do
    :io_lib.format("~.2f ~s", [cents / 100, currency]) |> IO.iodata_to_binary()
  end
end
