defmodule Reports.Aging do
  @moduledoc "Accounts-receivable aging: overdue invoices bucketed by days late."

  @buckets [1..30, 31..60, 61..90, 91..10_000]

  @doc "Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance."
  def aging_report(invoices, today) do
    Enum.reduce(invoices, Map.new(@buckets, &{&1, 0}), fn invoice, report ->
      days_late = Date.diff(today, invoice.due)

      case Enum.find(@buckets, &(days_late in &1)) do
        nil -> report
        bucket -> Map.update!(report, bucket, &(&1 + invoice.total + Enum.sum(invoice.penalties)))
      end
    end)
  end

  def overdue_customers(invoices, today) do
    invoices |> Enum.filter(&(Date.compare(&1.due, today) == :lt)) |> Enum.map(& &1.customer_id) |> Enum.uniq()
  end
end
