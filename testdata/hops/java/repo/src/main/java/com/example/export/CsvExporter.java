package com.example.export;

import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Comma- or semicolon-separated files for spreadsheets. */
public class CsvExporter extends BaseExporter {
    private static final List<String> COLUMNS = List.of("number", "customer", "due", "total");
    private final String delimiter;

    public CsvExporter(Writer out, String delimiter) {
        super(out);
        this.delimiter = delimiter;
    }

    /** The line of column names at the top of the CSV file. */
    @Override
    protected String headerRow() {
        return String.join(delimiter, COLUMNS) + "\n";
    }

    @Override
    protected String formatRow(Map<String, String> row) {
        return COLUMNS.stream().map(c -> quote(row.getOrDefault(c, ""))).collect(Collectors.joining(delimiter)) + "\n";
    }

    private String quote(String cell) {
        if (cell.contains(delimiter) || cell.contains("\"")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
