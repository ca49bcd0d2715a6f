defmodule Shipping.Tax do
  @moduledoc "Customs duty on parcels, by weight."

  @per_kilo 1.5

  def compute(weight), do: Float.round(weight * @per_kilo, 2)
end
