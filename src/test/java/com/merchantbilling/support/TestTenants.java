package com.merchantbilling.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;

/** Makes organizations with unique names and invoices through the modules' own APIs. */
public final class TestTenants {

    private TestTenants() {
    }

    public static OrganizationId organization(Organizations organizations, String name) {
        return organizations.register(name + " " + UUID.randomUUID().toString().substring(0, 8), Optional.empty()).id();
    }

    /** Invoices numbered {@code prefix-0001...}, issued one day apart, amounts 1000, 2000, ... in the currency. */
    public static List<InvoiceId> invoices(BillingInvoices invoices, OrganizationId organization, String prefix,
            int count, String currency) {
        var ids = new ArrayList<InvoiceId>();
        var start = LocalDate.of(2026, 1, 1);
        for (int i = 1; i <= count; i++) {
            ids.add(invoices.issue(organization, new NewInvoice("%s-%04d".formatted(prefix, i),
                    "Buyer " + (char) ('A' + i % 26), "buyer" + i + "@example.com", start.plusDays(i),
                    start.plusDays(i + 30), Money.of(1000L * i, currency))));
        }
        return ids;
    }

    /**
     * One invoice with the given number and amount, billed to "Buyer {number}" without an e-mail address, issued
     * 2026-05-01 and due 2026-05-31.
     */
    public static InvoiceId invoice(BillingInvoices invoices, OrganizationId organization, String number,
            long amount, String currency) {
        return invoice(invoices, organization, number, amount, currency, LocalDate.of(2026, 5, 1));
    }

    /** The same, issued on {@code issued} and due 30 days later (e.g. to sort it before the other invoices). */
    public static InvoiceId invoice(BillingInvoices invoices, OrganizationId organization, String number,
            long amount, String currency, LocalDate issued) {
        return invoices.issue(organization, new NewInvoice(number, "Buyer " + number, null, issued,
                issued.plusDays(30), Money.of(amount, currency)));
    }
}
