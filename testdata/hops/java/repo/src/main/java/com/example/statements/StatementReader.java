package com.example.statements;

import java.util.ArrayList;
import java.util.List;

/** Reads bank statements exported as CSV: detects the delimiter and skips the line of column names. */
public final class StatementReader {
    private StatementReader() {}

    /** Semicolon files come from European banks; comma is the default delimiter. */
    public static String sniffDelimiter(String sample) {
        long semicolons = sample.chars().filter(c -> c == ';').count();
        long commas = sample.chars().filter(c -> c == ',').count();
        return semicolons > commas ? ";" : ",";
    }

    public static List<String[]> readStatement(String text) {
        String[] lines = text.strip().split("\n");
        String delimiter = sniffDelimiter(text.substring(0, Math.min(text.length(), 2048)));
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].equals(lines[0])) {
                rows.add(lines[i].split(delimiter));
            }
        }
        return rows;
    }
}
