package com.merchantbilling.invoicing.internal.imports;

import static com.merchantbilling.invoicing.InvoiceImports.COLUMNS;
import static com.merchantbilling.invoicing.InvoiceImports.HEADER;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.merchantbilling.invoicing.InvoiceCurrencies;
import com.merchantbilling.invoicing.InvoiceImports.ImportProblem;
import com.merchantbilling.invoicing.InvoiceImports.ImportRowError;
import com.merchantbilling.invoicing.InvoiceImports.ImportedInvoice;
import com.merchantbilling.invoicing.InvoiceImports.InvoiceImportException;
import com.merchantbilling.invoicing.InvoiceImports.InvoiceImportException.Reason;
import com.merchantbilling.invoicing.MajorUnits;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.invoicing.internal.csv.CsvReader;

/**
 * The checks of one imported row, apart from storing: a row is valid or has exactly one {@link ImportRowError},
 * the first problem found, so the merchant fixes the file row by row.
 */
final class ImportRowChecks {

    /** Letters, digits and . _ / - ; starting with a letter or digit: what a spreadsheet keeps as text. */
    static final Pattern INVOICE_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private ImportRowChecks() {
    }

    static Map<String, Integer> columns(CsvReader.Record header) {
        var names = header.fields().stream()
                .map(name -> name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT))
                .toList();
        var index = new HashMap<String, Integer>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        if (!new HashSet<>(names).equals(new HashSet<>(COLUMNS)) || names.size() != COLUMNS.size()) {
            throw new InvoiceImportException(Reason.BAD_HEADER,
                    "The first line must name the columns " + HEADER + " (in any order); found " + String.join(",", names));
        }
        return index;
    }

    static Optional<ImportRowError> check(CsvReader.Record record, Map<String, Integer> columns,
            Map<String, Integer> firstLine) {
        var fields = record.fields();
        String number = value(record, columns, "invoice_number");
        if (fields.size() != COLUMNS.size()) {
            return error(record, number, ImportProblem.WRONG_COLUMN_COUNT, "",
                    "The row has " + fields.size() + " columns, the header " + COLUMNS.size());
        }
        for (var column : List.of("invoice_number", "buyer_name", "issue_date", "due_date", "currency", "amount")) {
            if (value(record, columns, column).isEmpty()) {
                return error(record, number, ImportProblem.MISSING_VALUE, column, column + " is missing");
            }
        }
        if (!INVOICE_NUMBER.matcher(number).matches()) {
            return error(record, number, ImportProblem.INVALID_INVOICE_NUMBER, "invoice_number", "'" + number
                    + "' is not an invoice number: up to 64 letters, digits and . _ / -, starting with a letter or digit");
        }
        String buyer = value(record, columns, "buyer_name");
        if (buyer.length() > 200) {
            return error(record, number, ImportProblem.TOO_LONG, "buyer_name", "buyer_name has more than 200 characters");
        }
        String email = value(record, columns, "buyer_email");
        if (!email.isEmpty() && (email.length() > 320 || !EMAIL.matcher(email).matches())) {
            return error(record, number, ImportProblem.INVALID_EMAIL, "buyer_email", "'" + email + "' is not an email address");
        }
        LocalDate issued;
        LocalDate due;
        try {
            issued = LocalDate.parse(value(record, columns, "issue_date"));
        } catch (DateTimeParseException e) {
            return error(record, number, ImportProblem.INVALID_DATE, "issue_date",
                    "'" + value(record, columns, "issue_date") + "' is not a date like 2026-04-30");
        }
        try {
            due = LocalDate.parse(value(record, columns, "due_date"));
        } catch (DateTimeParseException e) {
            return error(record, number, ImportProblem.INVALID_DATE, "due_date",
                    "'" + value(record, columns, "due_date") + "' is not a date like 2026-04-30");
        }
        if (due.isBefore(issued)) {
            return error(record, number, ImportProblem.DUE_BEFORE_ISSUE, "due_date", "due_date " + due
                    + " is before issue_date " + issued);
        }
        String currency = value(record, columns, "currency").toUpperCase(Locale.ROOT);
        if (!InvoiceCurrencies.supported(currency)) {
            return error(record, number, ImportProblem.UNSUPPORTED_CURRENCY, "currency", "'"
                    + value(record, columns, "currency") + "' is not one of " + String.join(", ", InvoiceCurrencies.SUPPORTED));
        }
        try {
            MajorUnits.parse(value(record, columns, "amount"), Currency.getInstance(currency));
        } catch (IllegalArgumentException e) {
            return error(record, number, ImportProblem.INVALID_AMOUNT, "amount", e.getMessage());
        }
        var earlier = firstLine.putIfAbsent(number, record.line());
        if (earlier != null) {
            return error(record, number, ImportProblem.DUPLICATE_IN_FILE, "invoice_number",
                    "Invoice number " + number + " is also on line " + earlier);
        }
        return Optional.empty();
    }

    static ImportedInvoice toInvoice(CsvReader.Record record, Map<String, Integer> columns) {
        var currency = Currency.getInstance(value(record, columns, "currency").toUpperCase(Locale.ROOT));
        String email = value(record, columns, "buyer_email");
        return new ImportedInvoice(record.line(), new NewInvoice(value(record, columns, "invoice_number"),
                value(record, columns, "buyer_name"), email.isEmpty() ? null : email,
                LocalDate.parse(value(record, columns, "issue_date")), LocalDate.parse(value(record, columns, "due_date")),
                MajorUnits.parse(value(record, columns, "amount"), currency)));
    }

    static String value(CsvReader.Record record, Map<String, Integer> columns, String column) {
        int index = columns.get(column);
        return index < record.fields().size() ? record.fields().get(index).strip() : "";
    }

    static Optional<ImportRowError> error(CsvReader.Record record, String number, ImportProblem problem,
            String column, String message) {
        return Optional.of(new ImportRowError(record.line(), number, problem, column, message));
    }

    static ImportRowError numberTaken(ImportedInvoice row) {
        return new ImportRowError(row.line(), row.invoice().invoiceNumber(), ImportProblem.NUMBER_TAKEN,
                "invoice_number", "Invoice number " + row.invoice().invoiceNumber() + " is already used in this organization");
    }
}
