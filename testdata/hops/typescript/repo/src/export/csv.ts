// Comma- or semicolon-separated files for spreadsheets.
import { BaseExporter, Row, Sink } from "./base";

const COLUMNS = ["number", "customer", "due", "total"];

export class CsvExporter extends BaseExporter {
  constructor(sink: Sink, private readonly delimiter = ",") {
    super(sink);
  }

  /** The line of column names at the top of the CSV file. */
  headerRow(): string {
    return COLUMNS.join(this.delimiter) + "\n";
  }

  formatRow(row: Row): string {
    return COLUMNS.map((c) => this.quote(row[c] ?? "")).join(this.delimiter) + "\n";
  }

  private quote(cell: string): string {
    if (cell.includes(this.delimiter) || cell.includes('"')) {
      return `"${cell.replace(/"/g, '""')}"`;
    }
    return cell;
  }
}
