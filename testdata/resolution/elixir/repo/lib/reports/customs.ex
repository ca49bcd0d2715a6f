defmodule Reports.Customs do
  @moduledoc "The customs declaration of a parcel."

  import Shipping.Tax, only: [compute: 1]

  @doc "A bare `compute` is the imported one."
  def duty(parcel), do: compute(parcel.weight)
end
