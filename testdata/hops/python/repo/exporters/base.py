"""The shared writing loop of every file format."""


class BaseExporter:
    batch_size = 500

    def __init__(self, stream):
        self.stream = stream

    def header_row(self):
        return None

    def format_row(self, row):
        raise NotImplementedError

    def write(self, rows):
        """Writes rows in batches; each batch is flushed on its own."""
        written = 0
        for start in range(0, len(rows), self.batch_size):
            header = self.header_row()
            if header is not None:
                self.stream.write(header)
            for row in rows[start:start + self.batch_size]:
                self.stream.write(self.format_row(row))
                written += 1
            self.stream.flush()
        return written
