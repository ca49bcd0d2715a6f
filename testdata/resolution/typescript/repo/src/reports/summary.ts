// Summaries of rows: totals, and VAT through the billing tax module.
import { compute } from "../billing/tax";

export interface Row {
  amount: number;
  total: number;
}

export function summarize(rows: Row[]): number {
  function compute(row: Row): number {
    return row.total;
  }
  return rows.reduce((sum, row) => sum + compute(row), 0);
}

export function vatTotal(rows: Row[]): number {
  return rows.reduce((sum, row) => sum + compute(row.amount), 0);
}
