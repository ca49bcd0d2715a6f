// Comma- or semicolon-separated files for spreadsheets.
import { BaseExporter } from "./base.js";

const COLUMNS = ["number", "customer", "due", "total"];

export class CsvExporter extends BaseExporter {
  constructor(sink, delimiter = ",") {
    super(sink);
    this.delimiter = delimiter;
  }

  /** The line of column names at the top of the CSV file. */
  headerRow() {
    return COLUMNS.join(this.delimiter) + "\n";
  }

  formatRow(row) {
    return COLUMNS.map((c) => this.quote(row[c] ?? "")).join(this.delimiter) + "\n";
  }

  quote(cell) {
    if (cell.includes(this.delimiter) || cell.includes('"')) {
      return `"${cell.replace(/"/g, '""')}"`;
    }
    return cell;
  }
}
