# Accounts-receivable aging: overdue invoices bucketed by days late.

# Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance.
# Reads "days_late total fees" lines.
aging_report() {
  awk '{ b = ($1 <= 30) ? "1-30" : ($1 <= 60) ? "31-60" : ($1 <= 90) ? "61-90" : "91+"; sum[b] += $2 + $3 }
       END { for (b in sum) print b, sum[b] }'
}

overdue_customers() {
  awk -v today="$1" '$2 < today { print $1 }' | sort -u
}
