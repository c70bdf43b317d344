package com.merchantbilling.invoicing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.InvoiceCurrencies;
import com.merchantbilling.invoicing.InvoiceImports;
import com.merchantbilling.invoicing.InvoiceImports.ImportPreview;
import com.merchantbilling.invoicing.InvoiceImports.ImportProblem;
import com.merchantbilling.invoicing.InvoiceImports.ImportResult;
import com.merchantbilling.invoicing.InvoiceImports.ImportRowError;
import com.merchantbilling.invoicing.InvoiceImports.ImportedInvoice;
import com.merchantbilling.invoicing.InvoiceImports.InvoiceImportException;
import com.merchantbilling.invoicing.InvoiceImports.InvoiceImportException.Reason;
import com.merchantbilling.invoicing.MajorUnits;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.invoicing.internal.csv.CsvReader;
import com.merchantbilling.organizations.OrganizationId;

@Service
class InvoiceImportService implements InvoiceImports {

    /** Letters, digits and . _ / - ; starting with a letter or digit: what a spreadsheet keeps as text. */
    static final Pattern INVOICE_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Rows per insert statement: large enough for few round trips, small enough for modest arrays. */
    private static final int CHUNK = 5_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    InvoiceImportService(JdbcTemplate jdbc, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    @Transactional(readOnly = true)
    public ImportPreview preview(OrganizationId organization, InputStream csv) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var reader = new CsvReader(new InputStreamReader(new LimitedInputStream(csv, MAX_FILE_BYTES), decoder));
        var valid = new ArrayList<ImportedInvoice>();
        var errors = new ArrayList<ImportRowError>();
        int rows = 0;
        try {
            var header = reader.next();
            if (header == null) {
                throw new InvoiceImportException(Reason.EMPTY, "The file is empty; its first line must be " + HEADER);
            }
            var columns = columns(header);
            var firstLine = new HashMap<String, Integer>();
            for (var record = reader.next(); record != null; record = reader.next()) {
                if (record.fields().size() == 1 && record.fields().getFirst().isBlank()) {
                    continue;
                }
                if (++rows > MAX_ROWS) {
                    throw new InvoiceImportException(Reason.TOO_MANY_ROWS,
                            "The file has more than " + MAX_ROWS + " rows; split it into several files");
                }
                var problem = check(record, columns, firstLine);
                if (problem.isPresent()) {
                    errors.add(problem.get());
                } else {
                    valid.add(toInvoice(record, columns));
                }
            }
        } catch (CharacterCodingException e) {
            throw new InvoiceImportException(Reason.NOT_READABLE, "The file is not UTF-8 text");
        } catch (IOException e) {
            if (e instanceof LimitedInputStream.TooLarge) {
                throw new InvoiceImportException(Reason.TOO_LARGE,
                        "The file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB");
            }
            throw new InvoiceImportException(Reason.NOT_READABLE, "The file cannot be read as CSV: " + e.getMessage());
        }
        var taken = taken(organization, valid.stream().map(row -> row.invoice().invoiceNumber()).toList());
        var stillValid = new ArrayList<ImportedInvoice>();
        for (var row : valid) {
            if (taken.contains(row.invoice().invoiceNumber())) {
                errors.add(numberTaken(row));
            } else {
                stillValid.add(row);
            }
        }
        errors.sort(java.util.Comparator.comparingInt(ImportRowError::line));
        return new ImportPreview(rows, stillValid, errors);
    }

    @Override
    @Transactional
    public ImportResult importInvoices(OrganizationId organization, ImportPreview preview) {
        var skipped = new ArrayList<>(preview.errors());
        var now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int imported = 0;
        var rows = preview.valid();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            var chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            var inserted = new HashSet<>(insert(organization, chunk, now));
            imported += inserted.size();
            // a number used since the preview (by another user or an earlier chunk's duplicate) is skipped
            chunk.stream().filter(row -> !inserted.contains(row.invoice().invoiceNumber()))
                    .map(InvoiceImportService::numberTaken).forEach(skipped::add);
        }
        skipped.sort(java.util.Comparator.comparingInt(ImportRowError::line));
        return new ImportResult(imported, skipped);
    }

    /** One statement per chunk: the arrays are unnested into rows, taken numbers are left out. */
    private List<String> insert(OrganizationId organization, List<ImportedInvoice> chunk, OffsetDateTime now) {
        return jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<List<String>>) connection -> {
            int n = chunk.size();
            var numbers = new String[n];
            var buyers = new String[n];
            var emails = new String[n];
            var issued = new Date[n];
            var due = new Date[n];
            var amounts = new Long[n];
            var currencies = new String[n];
            for (int i = 0; i < n; i++) {
                var invoice = chunk.get(i).invoice();
                numbers[i] = invoice.invoiceNumber();
                buyers[i] = invoice.buyerName();
                emails[i] = invoice.buyerEmail();
                issued[i] = Date.valueOf(invoice.issueDate());
                due[i] = Date.valueOf(invoice.dueDate());
                amounts[i] = invoice.billingAmount().minorUnits();
                currencies[i] = invoice.billingAmount().currency().getCurrencyCode();
            }
            try (var statement = connection.prepareStatement("""
                    insert into invoices (organization_id, invoice_number, buyer_name, buyer_email, issue_date, due_date,
                                          billing_amount, currency, created_at)
                    select ?, r.* , ? from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::date[], ?::date[],
                                                  ?::bigint[], ?::char(3)[]) as r
                    on conflict on constraint invoices_number_unique_per_organization do nothing
                    returning invoice_number""")) {
                statement.setLong(1, organization.value());
                statement.setObject(2, now);
                Array[] arrays = {connection.createArrayOf("varchar", numbers), connection.createArrayOf("varchar", buyers),
                        connection.createArrayOf("varchar", emails), connection.createArrayOf("date", issued),
                        connection.createArrayOf("date", due), connection.createArrayOf("bigint", amounts),
                        connection.createArrayOf("varchar", currencies)};
                for (int i = 0; i < arrays.length; i++) {
                    statement.setArray(i + 3, arrays[i]);
                }
                var inserted = new ArrayList<String>(n);
                try (var result = statement.executeQuery()) {
                    while (result.next()) {
                        inserted.add(result.getString(1));
                    }
                }
                return inserted;
            }
        });
    }

    private Set<String> taken(OrganizationId organization, List<String> numbers) {
        if (numbers.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<List<String>>) connection -> {
            try (var statement = connection.prepareStatement(
                    "select invoice_number from invoices where organization_id = ? and invoice_number = any(?)")) {
                statement.setLong(1, organization.value());
                statement.setArray(2, connection.createArrayOf("varchar", numbers.toArray()));
                var found = new ArrayList<String>();
                try (var result = statement.executeQuery()) {
                    while (result.next()) {
                        found.add(result.getString(1));
                    }
                }
                return found;
            }
        }));
    }

    private static Map<String, Integer> columns(CsvReader.Record header) {
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

    private static Optional<ImportRowError> check(CsvReader.Record record, Map<String, Integer> columns,
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

    private static ImportedInvoice toInvoice(CsvReader.Record record, Map<String, Integer> columns) {
        var currency = Currency.getInstance(value(record, columns, "currency").toUpperCase(Locale.ROOT));
        String email = value(record, columns, "buyer_email");
        return new ImportedInvoice(record.line(), new NewInvoice(value(record, columns, "invoice_number"),
                value(record, columns, "buyer_name"), email.isEmpty() ? null : email,
                LocalDate.parse(value(record, columns, "issue_date")), LocalDate.parse(value(record, columns, "due_date")),
                MajorUnits.parse(value(record, columns, "amount"), currency)));
    }

    private static String value(CsvReader.Record record, Map<String, Integer> columns, String column) {
        int index = columns.get(column);
        return index < record.fields().size() ? record.fields().get(index).strip() : "";
    }

    private static Optional<ImportRowError> error(CsvReader.Record record, String number, ImportProblem problem,
            String column, String message) {
        return Optional.of(new ImportRowError(record.line(), number, problem, column, message));
    }

    private static ImportRowError numberTaken(ImportedInvoice row) {
        return new ImportRowError(row.line(), row.invoice().invoiceNumber(), ImportProblem.NUMBER_TAKEN,
                "invoice_number", "Invoice number " + row.invoice().invoiceNumber() + " is already used in this organization");
    }
}
