package com.example.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** The shared writing loop of every file format. */
public abstract class BaseExporter {
    protected final Writer out;
    protected int batchSize = 500;

    protected BaseExporter(Writer out) {
        this.out = out;
    }

    protected String headerRow() {
        return null;
    }

    protected abstract String formatRow(Map<String, String> row);

    /** Writes rows in batches; each batch is flushed on its own. */
    public int write(List<Map<String, String>> rows) throws IOException {
        int written = 0;
        for (int start = 0; start < rows.size(); start += batchSize) {
            String header = headerRow();
            if (header != null) {
                out.write(header);
            }
            for (Map<String, String> row : rows.subList(start, Math.min(start + batchSize, rows.size()))) {
                out.write(formatRow(row));
                written++;
            }
            out.flush();
        }
        return written;
    }
}
