"""Comma- or semicolon-separated files for spreadsheets."""

from .base import BaseExporter

COLUMNS = ["number", "customer", "due", "total"]


class CsvExporter(BaseExporter):
    def __init__(self, stream, delimiter=","):
        super().__init__(stream)
        self.delimiter = delimiter

    def header_row(self):
        """The line of column names at the top of the CSV file."""
        return self.delimiter.join(COLUMNS) + "\n"

    def format_row(self, row):
        cells = [str(row[column]) for column in COLUMNS]
        return self.delimiter.join(self.quote(cell) for cell in cells) + "\n"

    def quote(self, cell):
        if self.delimiter in cell or '"' in cell:
            return '"' + cell.replace('"', '""') + '"'
        return cell
