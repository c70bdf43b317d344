package com.merchantbilling.invoicing.internal.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 output for spreadsheets: a cell with a comma, quote or line break is quoted, and a cell that
 * a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading
 * apostrophe, so an invoice's buyer name cannot become a formula on the merchant's machine. A plain
 * number such as a credit note's -1500 is no formula and stays as it is, so the file imports again.
 */
public final class CsvWriter {

    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    public void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        var text = value;
        char first = text.charAt(0);
        boolean plainNumber = text.matches("-?\\d+(\\.\\d+)?");
        if (!plainNumber && (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
