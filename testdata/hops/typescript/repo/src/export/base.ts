// The shared writing loop of every file format.

export type Row = Record<string, string>;

export interface Sink {
  write(text: string): void;
  flush(): void;
}

export abstract class BaseExporter {
  protected batchSize = 500;

  constructor(protected readonly sink: Sink) {}

  headerRow(): string | null {
    return null;
  }

  abstract formatRow(row: Row): string;

  /** Writes rows in batches; each batch is flushed on its own. */
  write(rows: Row[]): number {
    let written = 0;
    for (let start = 0; start < rows.length; start += this.batchSize) {
      const header = this.headerRow();
      if (header !== null) {
        this.sink.write(header);
      }
      for (const row of rows.slice(start, start + this.batchSize)) {
        this.sink.write(this.formatRow(row));
        written += 1;
      }
      this.sink.flush();
    }
    return written;
  }
}
