"""Reads bank statements exported as CSV: detects the delimiter and skips the line of column names."""

import csv


def sniff_delimiter(sample):
    """Semicolon files come from European banks; comma is the default delimiter."""
    return ";" if sample.count(";") > sample.count(",") else ","


def read_statement(path):
    with open(path, newline="") as handle:
        sample = handle.read(2048)
        handle.seek(0)
        reader = csv.reader(handle, delimiter=sniff_delimiter(sample))
        header = next(reader, None)
        rows = [dict(zip(header, line)) for line in reader if line != header]
    return rows
