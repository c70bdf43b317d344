package com.merchantbilling.ui.billing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;

import com.merchantbilling.invoicing.InvoiceImports.ImportPreview;
import com.merchantbilling.invoicing.InvoiceImports.ImportResult;
import com.merchantbilling.invoicing.InvoiceImports.ImportRowError;
import com.merchantbilling.invoicing.InvoiceImports.InvoiceImportException;
import com.merchantbilling.invoicing.InvoiceImports;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;

/**
 * "Import Invoices": upload a CSV file, see every row's problem before anything is stored, then store
 * the valid rows at once. The checking and storing are the invoicing module's: the dialog fires a
 * {@link FileEvent} and an {@link ImportEvent} and shows what it is told back.
 */
class ImportInvoicesDialog extends Dialog {

    private final Span fileError = new Span();
    private final Span summary = new Span();
    private final Span result = new Span();
    private final Grid<ImportRowError> errors = new Grid<>();
    private final Button importButton = new Button();
    private ImportPreview preview;

    ImportInvoicesDialog() {
        setId("import-invoices-dialog");
        setHeaderTitle(getTranslation("import.title"));
        setWidth("min(64rem, 96vw)");
        setCloseOnOutsideClick(false);

        var help = new Paragraph(getTranslation("import.help", InvoiceImports.HEADER,
                String.valueOf(InvoiceImports.MAX_FILE_BYTES / (1024 * 1024))));
        help.addClassName("import-help");
        // read into memory: the handler's own limit refuses anything above the 10 MB the service accepts
        var upload = new Upload(UploadHandler.inMemory((metadata, bytes) ->
                getUI().ifPresent(ui -> ui.access(() -> preview(bytes)))));
        upload.setId("import-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) InvoiceImports.MAX_FILE_BYTES);
        upload.setAcceptedFileTypes(".csv", "text/csv");
        upload.addFileRejectedListener(rejected -> showFileError(getTranslation("import.fileTooLarge",
                String.valueOf(InvoiceImports.MAX_FILE_BYTES / (1024 * 1024)))));

        fileError.setId("import-file-error");
        fileError.addClassName("field-error");
        summary.setId("import-summary");
        result.setId("import-result");
        errors.setId("import-errors");
        errors.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        errors.addColumn(ImportRowError::line).setHeader(getTranslation("import.column.line")).setAutoWidth(true)
                .setFlexGrow(0);
        errors.addColumn(ImportRowError::invoiceNumber).setHeader(getTranslation("import.column.invoiceNumber"))
                .setAutoWidth(true).setFlexGrow(0);
        errors.addColumn(error -> getTranslation("import.problem." + error.problem().name()))
                .setHeader(getTranslation("import.column.problem")).setAutoWidth(true).setFlexGrow(0);
        errors.addColumn(ImportRowError::message).setHeader(getTranslation("import.column.detail")).setFlexGrow(1);
        errors.setHeight("18rem");
        errors.setVisible(false);

        importButton.setId("import-confirm");
        importButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        importButton.setEnabled(false);
        importButton.setDisableOnClick(true);
        importButton.addClickListener(click -> importValidRows());
        var close = new Button(getTranslation("action.close"), click -> close());
        close.setId("import-close");
        add(help, upload, fileError, summary, errors, result);
        getFooter().add(close, importButton);
        importButton.setText(getTranslation("import.confirm", "0"));
    }

    /** A file was uploaded: it is to be checked; {@link #showPreview} or {@link #showFileError} follow. */
    void preview(byte[] csv) {
        preview = null;
        fileError.setText("");
        result.setText("");
        fireEvent(new FileEvent(this, csv));
    }

    /** What an import of the uploaded file would do. */
    void showPreview(ImportPreview checked) {
        preview = checked;
        summary.setText(getTranslation("import.summary", String.valueOf(checked.rows()),
                String.valueOf(checked.valid().size()), String.valueOf(checked.errors().size())));
        showErrors(checked.errors());
        importButton.setText(getTranslation("import.confirm", String.valueOf(checked.valid().size())));
        importButton.setEnabled(!checked.valid().isEmpty());
    }

    /** The file as a whole cannot be imported. */
    void showFileError(InvoiceImportException e) {
        showFileError(getTranslation("import.fileError." + e.reason().name(), e.getMessage()));
    }

    private void importValidRows() {
        if (preview == null) {
            return;
        }
        var confirmed = preview;
        preview = null;
        importButton.setEnabled(false);
        fireEvent(new ImportEvent(this, confirmed));
    }

    /** The valid rows were stored. */
    void showImported(ImportResult done) {
        result.setText(getTranslation("import.result", String.valueOf(done.imported()),
                String.valueOf(done.skipped().size())));
        showErrors(done.skipped());
    }

    Registration addFileListener(ComponentEventListener<FileEvent> listener) {
        return addListener(FileEvent.class, listener);
    }

    Registration addImportListener(ComponentEventListener<ImportEvent> listener) {
        return addListener(ImportEvent.class, listener);
    }

    private void showErrors(List<ImportRowError> rows) {
        errors.setItems(rows);
        errors.setVisible(!rows.isEmpty());
    }

    private void showFileError(String message) {
        fileError.setText(message);
        summary.setText("");
        errors.setVisible(false);
        importButton.setEnabled(false);
    }

    String summaryText() {
        return summary.getText();
    }

    String resultText() {
        return result.getText();
    }

    String fileErrorText() {
        return fileError.getText();
    }

    Grid<ImportRowError> errorGrid() {
        return errors;
    }

    Button importButton() {
        return importButton;
    }

    /** A CSV file was uploaded (at most {@link InvoiceImports#MAX_FILE_BYTES}). */
    static final class FileEvent extends ComponentEvent<ImportInvoicesDialog> {

        private final byte[] csv;

        FileEvent(ImportInvoicesDialog source, byte[] csv) {
            super(source, false);
            this.csv = csv.clone();
        }

        InputStream csv() {
            return new ByteArrayInputStream(csv);
        }
    }

    /** Import was confirmed for the valid rows of this preview. */
    static final class ImportEvent extends ComponentEvent<ImportInvoicesDialog> {

        private final ImportPreview preview;

        ImportEvent(ImportInvoicesDialog source, ImportPreview preview) {
            super(source, false);
            this.preview = preview;
        }

        ImportPreview preview() {
            return preview;
        }
    }
}
