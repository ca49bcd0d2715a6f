defmodule Notifications.Email do
  @moduledoc "Outgoing email through the SMTP relay, with a bounce log."

  @relay "smtp.internal"

  def send_email(customer_id, subject, body) do
    case :gen_smtp_client.send_blocking({"billing@example.com", ["#{customer_id}@customers.example.com"], "Subject: #{subject}\r\n\r\n#{body}"}, relay: @relay) do
      {:error, _, _} ->
        :ets.insert(:bounced, {customer_id})
        false

      _receipt ->
        true
    end
  end

  @doc "Resends the overdue reminder email of every customer whose last email bounced."
  def resend_bounced(invoices_by_customer, today, send) do
    for {customer_id} <- :ets.tab2list(:bounced) do
      :ets.delete(:bounced, customer_id)
      for invoice <- Map.get(invoices_by_customer, customer_id, []), do: send.(invoice, today, resend: true)
    end
  end
end
