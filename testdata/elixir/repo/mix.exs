defmodule Shop.MixProject do
  use Mix.Project

  def project do
    [app: :shop, version: "1.4.0", elixir: "~> 1.15", deps: deps()]
  end

  defp deps, do: [{:decimal, "~> 2.0"}]
end
