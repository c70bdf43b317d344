package com.merchantbilling.invoicing.internal.numbers;

import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.InvoiceNumbers;
import com.merchantbilling.organizations.OrganizationId;

@Service
@Transactional(readOnly = true)
class InvoiceNumberService implements InvoiceNumbers {

    static final String FIRST = "INV-0001";
    /** The last run of digits is the counter; everything around it is the pattern. */
    private static final Pattern COUNTER = Pattern.compile("^(.*?)(\\d+)(\\D*)$");
    private static final int MAX_PROBES = 1000;

    private final JdbcClient jdbc;

    InvoiceNumberService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String suggestNext(OrganizationId organization) {
        var newest = jdbc.sql("select invoice_number from invoices where organization_id = :org order by id desc limit 1")
                .param("org", organization.value())
                .query(String.class)
                .optional();
        var candidate = newest.map(InvoiceNumberService::increment).orElse(FIRST);
        // someone may have used the next numbers already (an import, a number typed by hand)
        for (int probe = 0; probe < MAX_PROBES && isTaken(organization, candidate); probe++) {
            candidate = increment(candidate);
        }
        return candidate;
    }

    @Override
    public boolean isTaken(OrganizationId organization, String invoiceNumber) {
        if (invoiceNumber == null || invoiceNumber.isBlank()) {
            return false;
        }
        return jdbc.sql("select exists(select 1 from invoices where organization_id = :org and invoice_number = :number)")
                .param("org", organization.value())
                .param("number", invoiceNumber.strip())
                .query(Boolean.class)
                .single();
    }

    /** "ST-2026-0099" gives "ST-2026-0100", "A9" gives "A10", "X" gives "X-1": the width is kept where it fits. */
    static String increment(String number) {
        var matcher = COUNTER.matcher(number);
        if (!matcher.matches()) {
            return number + "-1";
        }
        var digits = matcher.group(2);
        var next = new java.math.BigInteger(digits).add(java.math.BigInteger.ONE).toString();
        var padded = "0".repeat(Math.max(0, digits.length() - next.length())) + next;
        return matcher.group(1) + padded + matcher.group(3);
    }
}
