defmodule Billing.Reminders do
  @moduledoc "Reminder emails for unpaid invoices past their due date."

  alias Ledger.Penalties
  alias Notifications.{Email, Templates}

  @grace_days 3

  @doc "Emails the customer about an overdue invoice; a resend repeats the email after a bounce."
  def send_overdue_reminder(invoice, today, opts \\ []) do
    _resend? = Keyword.get(opts, :resend, false)
    days_late = Date.diff(today, invoice.due)

    if days_late <= @grace_days do
      nil
    else
      late_fee = Penalties.accrue_penalty(invoice, days_late)
      body = Templates.render_reminder(invoice, days_late, late_fee)
      Email.send_email(invoice.customer_id, "Your invoice is overdue", body)
    end
  end
end
