package com.merchantbilling.invoicing.internal.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records: comma separated, fields in double quotes may hold commas, line breaks and doubled
 * quotes. Reports the line each record starts on, so errors can point into the file.
 */
public final class CsvReader {

    private final Reader in;
    private int line = 1;
    private int pending = -2;

    public CsvReader(Reader in) {
        this.in = in;
    }

    public record Record(int line, List<String> fields) {
    }

    /** The next record, or null at the end of the input. */
    public Record next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        int start = line;
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IOException("A quoted field opened on line " + start + " never ends");
                }
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = after;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    int after = read();
                    if (after != '\n') {
                        pending = after;
                    }
                }
                if (c != -1) {
                    line++;
                }
                fields.add(field.toString());
                return new Record(start, fields);
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        return in.read();
    }
}
