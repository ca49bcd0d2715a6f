defmodule Notifications.Templates do
  @moduledoc "Text of the emails customers get."

  def render_reminder(invoice, days_late, late_fee) do
    "Invoice #{invoice.number} is #{days_late} days overdue. A late fee of #{late_fee} was added."
  end

  def render_receipt(payment), do: "We received #{payment.captured} for your order."
end
