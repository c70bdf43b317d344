package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.UiLanguage;
import com.merchantbilling.support.Tenants;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;

/** The import dialog previews the uploaded file, stores the valid rows on confirmation and reports the rest. */
@SpringBootTest
@Import(Tenants.class)
class ImportInvoicesDialogIntegrationTests extends BillingTabTestSupport {

    @Autowired
    BillingInvoices invoices;

    OrganizationId sakura;

    @BeforeEach
    void signIn() {
        UiLanguage.english();
        sakura = tenants.organization("Sakura");
        SignedIn.as(sakura, "aiko");
        navigate(BillingManagementView.class);
        test($view(Button.class).id("import-invoices")).click();
    }

    @Test
    void previewsThenImportsTheValidRows() throws Exception {
        var dialog = (ImportInvoicesDialog) $(Dialog.class).id("import-invoices-dialog");
        var sample = Files.readString(Path.of("samples/invoices-sample.csv"));
        var withBadRow = sample + "IMP-2026-0001,Duplicate,,2026-04-01,2026-04-30,JPY,1\r\n";

        dialog.preview(withBadRow.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(dialog.summaryText()).isEqualTo("6 rows: 5 can be imported, 1 have errors");
        assertThat(test(dialog.errorGrid()).size()).isEqualTo(1);
        assertThat(test(dialog.errorGrid()).getCellText(0, 2)).isEqualTo("Duplicate in file");
        assertThat(invoices.count(sakura, "")).isZero();

        test(dialog.importButton()).click();

        assertThat(dialog.resultText()).isEqualTo("5 invoices imported, 1 rows skipped");
        assertThat(invoices.count(sakura, "")).isEqualTo(5);
        assertThat($view(Span.class).id("pager-total").getText()).isEqualTo("5 invoices");
    }

    @Test
    void aFileWithTheWrongHeaderIsRefusedWithTheExpectedHeaderNamed() {
        var dialog = (ImportInvoicesDialog) $(Dialog.class).id("import-invoices-dialog");

        dialog.preview("number;buyer\n1;2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(dialog.fileErrorText()).contains("invoice_number,buyer_name,buyer_email,issue_date,due_date,currency,amount");
        assertThat(dialog.importButton().isEnabled()).isFalse();
    }
}
