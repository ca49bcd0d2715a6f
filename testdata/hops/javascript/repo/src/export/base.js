// The shared writing loop of every file format.

export class BaseExporter {
  constructor(sink) {
    this.sink = sink;
    this.batchSize = 500;
  }

  headerRow() {
    return null;
  }

  formatRow(row) {
    throw new Error(`${this.constructor.name} must format rows`);
  }

  /** Writes rows in batches; each batch is flushed on its own. */
  write(rows) {
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
