package com.merchantbilling.invoicing.internal.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.InvoiceImports;
import com.merchantbilling.invoicing.InvoiceImports.ImportPreview;
import com.merchantbilling.invoicing.InvoiceImports.ImportResult;
import com.merchantbilling.invoicing.InvoiceImports.ImportRowError;
import com.merchantbilling.invoicing.InvoiceImports.ImportedInvoice;
import com.merchantbilling.invoicing.InvoiceImports.InvoiceImportException;
import com.merchantbilling.invoicing.InvoiceImports.InvoiceImportException.Reason;
import com.merchantbilling.invoicing.internal.csv.CsvReader;
import com.merchantbilling.organizations.OrganizationId;

/** Reads the file and checks its rows ({@link ImportRowChecks}), then stores them ({@link ImportedInvoiceInserts}). */
@Service
class InvoiceImportService implements InvoiceImports {

    /** Rows per insert statement: large enough for few round trips, small enough for modest arrays. */
    private static final int CHUNK = 5_000;

    private final ImportedInvoiceInserts inserts;
    private final Clock clock;

    InvoiceImportService(ImportedInvoiceInserts inserts, Optional<Clock> clock) {
        this.inserts = inserts;
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
            var columns = ImportRowChecks.columns(header);
            var firstLine = new HashMap<String, Integer>();
            for (var record = reader.next(); record != null; record = reader.next()) {
                if (record.fields().size() == 1 && record.fields().getFirst().isBlank()) {
                    continue;
                }
                if (++rows > MAX_ROWS) {
                    throw new InvoiceImportException(Reason.TOO_MANY_ROWS,
                            "The file has more than " + MAX_ROWS + " rows; split it into several files");
                }
                var problem = ImportRowChecks.check(record, columns, firstLine);
                if (problem.isPresent()) {
                    errors.add(problem.get());
                } else {
                    valid.add(ImportRowChecks.toInvoice(record, columns));
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
        var taken = inserts.taken(organization, valid.stream().map(row -> row.invoice().invoiceNumber()).toList());
        var stillValid = new ArrayList<ImportedInvoice>();
        for (var row : valid) {
            if (taken.contains(row.invoice().invoiceNumber())) {
                errors.add(ImportRowChecks.numberTaken(row));
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
            var inserted = new HashSet<>(inserts.insert(organization, chunk, now));
            imported += inserted.size();
            // a number used since the preview (by another user or an earlier chunk's duplicate) is skipped
            chunk.stream().filter(row -> !inserted.contains(row.invoice().invoiceNumber()))
                    .map(ImportRowChecks::numberTaken).forEach(skipped::add);
        }
        skipped.sort(java.util.Comparator.comparingInt(ImportRowError::line));
        return new ImportResult(imported, skipped);
    }
}
