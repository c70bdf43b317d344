package com.merchantbilling.ui.billing;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.Tenants;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;

/**
 * What the browserless tests of the Billing Invoices tab share: the {@link Tenants} fixture, the signed-in merchant
 * cleared after each test, and the tab's components by id. The context is the subclass's choice:
 * {@code @SpringBootTest @Import(Tenants.class)} (built-in sandbox, one context shared with the other such
 * classes) or {@code @IntegrationTest} when a test watches what reaches Stripe.
 */
abstract class BillingTabTestSupport extends SpringBrowserlessTest {

    @Autowired
    Tenants tenants;

    @AfterEach
    void signOut() {
        SignedIn.clear();
    }

    @SuppressWarnings("unchecked")
    Grid<BillingInvoice> gridInView() {
        return $view(Grid.class).id("billing-invoices-grid");
    }

    String text(String id) {
        return $view(Span.class).id(id).getText();
    }

    Button button(String id) {
        return $view(Button.class).id(id);
    }
}
