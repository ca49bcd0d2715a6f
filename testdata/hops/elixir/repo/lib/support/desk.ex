defmodule Support.Desk do
  @moduledoc "Support tickets: what an agent can do for a customer from the help desk."

  alias Payments.Refunds

  @doc "Closes a ticket; a goodwill ticket returns the disputed sum to the customer."
  def resolve_ticket(ticket, gateway, payments) do
    if ticket.kind == :goodwill do
      payment = Map.fetch!(payments, ticket.payment_id)
      Refunds.issue_refund(gateway, payment, ticket.disputed_cents)
    end

    %{ticket | status: :closed}
  end

  def escalate_ticket(ticket), do: %{ticket | priority: :high}
end
