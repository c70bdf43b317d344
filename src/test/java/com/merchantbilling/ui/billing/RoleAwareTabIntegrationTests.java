package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.merchantbilling.organizations.MerchantRole;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.Tenants;
import com.merchantbilling.support.UiLanguage;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.GridNoneSelectionModel;
import com.vaadin.flow.component.menubar.MenuBar;

/** The Billing Invoices tab offers each role only what it may do, without a browser. */
@SpringBootTest
@Import(Tenants.class)
class RoleAwareTabIntegrationTests extends BillingTabTestSupport {

    OrganizationId sakura;

    @BeforeEach
    void subscribedOrganization() {
        UiLanguage.english();
        sakura = tenants.subscribed("Sakura");
        tenants.invoices(sakura, "RA", 3, "JPY");
    }

    @Test
    void aViewerGetsNoBulkActionNoSelectionAndNoInvoiceActions() {
        SignedIn.as(sakura, "yui", MerchantRole.VIEWER);

        navigate(BillingManagementView.class);

        assertThat($view(MenuBar.class).all()).isEmpty();
        assertThat(gridInView().getSelectionModel()).isInstanceOf(GridNoneSelectionModel.class);
        for (var id : new String[] {"new-invoice", "import-invoices", "remove-all-selections"}) {
            assertThat($view(Button.class).withId(id).all()).as(id).noneMatch(RoleAwareTabIntegrationTests::shown);
        }
        assertThat(test(gridInView()).size()).isEqualTo(3);
    }

    @Test
    void aBillingManagerGetsTheBulkActionAndTheInvoiceActions() {
        SignedIn.as(sakura, "kenji", MerchantRole.BILLING_MANAGER);

        navigate(BillingManagementView.class);

        assertThat($view(MenuBar.class).id("bulk-action")).isNotNull();
        assertThat(shown($view(Button.class).id("new-invoice"))).isTrue();
    }

    /** Visible itself and in every parent. */
    static boolean shown(com.vaadin.flow.component.Component component) {
        for (var c = java.util.Optional.of(component); c.isPresent(); c = c.get().getParent()) {
            if (!c.get().isVisible()) {
                return false;
            }
        }
        return true;
    }
}
