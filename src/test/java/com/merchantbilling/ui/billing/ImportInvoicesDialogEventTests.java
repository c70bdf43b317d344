package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.merchantbilling.invoicing.InvoiceImports.ImportPreview;
import com.merchantbilling.invoicing.InvoiceImports.ImportProblem;
import com.merchantbilling.invoicing.InvoiceImports.ImportResult;
import com.merchantbilling.invoicing.InvoiceImports.ImportRowError;
import com.merchantbilling.invoicing.InvoiceImports.ImportedInvoice;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;

/** The import dialog on its own: the uploaded file and the confirmation leave it as events. */
class ImportInvoicesDialogEventTests extends PlainDialogTestSupport {

    final List<ImportInvoicesDialog.FileEvent> files = new ArrayList<>();
    final List<ImportInvoicesDialog.ImportEvent> imports = new ArrayList<>();
    ImportInvoicesDialog dialog;

    @BeforeEach
    void openDialog() {
        dialog = new ImportInvoicesDialog();
        dialog.addFileListener(files::add);
        dialog.addImportListener(imports::add);
        dialog.open();
        roundTrip();
    }

    @Test
    void theUploadedFileIsFiredAndConfirmingFiresThePreviewItWasShown() throws Exception {
        var csv = "invoice_number,buyer_name\n".getBytes(StandardCharsets.UTF_8);

        dialog.preview(csv);

        assertThat(files).singleElement().satisfies(file -> assertThat(file.csv().readAllBytes()).isEqualTo(csv));
        assertThat(dialog.importButton().isEnabled()).isFalse();
        assertThat(imports).isEmpty();
    }

    @Test
    void confirmingFiresThePreviewItWasShownOnce() {
        var preview = new ImportPreview(2, List.of(new ImportedInvoice(2, new NewInvoice("IMP-1", "Hikari Foods", null,
                LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30), Money.of(1200, "JPY")))),
                List.of(new ImportRowError(3, "IMP-1", ImportProblem.DUPLICATE_IN_FILE, "invoice_number", "IMP-1")));

        dialog.showPreview(preview);

        assertThat(dialog.summaryText()).isEqualTo("2 rows: 1 can be imported, 1 have errors");
        assertThat(test(dialog.errorGrid()).getCellText(0, 2)).isEqualTo("Duplicate in file");
        assertThat(dialog.importButton().isEnabled()).isTrue();

        test(dialog.importButton()).click();
        dialog.importButton().setEnabled(true);
        test(dialog.importButton()).click();

        assertThat(imports).singleElement().satisfies(event -> assertThat(event.preview()).isSameAs(preview));
        dialog.showImported(new ImportResult(1, List.of()));
        assertThat(dialog.resultText()).isEqualTo("1 invoices imported, 0 rows skipped");
    }
}
