package com.merchantbilling.invoicing;

import java.util.Objects;

/**
 * One line of an invoice: what was sold, how many, at what price each.
 *
 * @param unitPrice in the invoice's currency; may be negative for a discount line
 */
public record InvoiceLineItem(String description, long quantity, Money unitPrice) {

    public InvoiceLineItem {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("A line item needs a description");
        }
        description = description.strip();
        if (description.length() > 500) {
            throw new IllegalArgumentException("A line item's description has at most 500 characters");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("A line item's quantity is at least 1, got " + quantity);
        }
        Objects.requireNonNull(unitPrice, "unitPrice");
    }

    /** Quantity times unit price; an overflow is an error, not a wrong bill. */
    public Money amount() {
        return new Money(Math.multiplyExact(quantity, unitPrice.minorUnits()), unitPrice.currency());
    }

    /** The sum of the lines, which must all be in the given currency. */
    public static Money total(java.util.List<InvoiceLineItem> lines, java.util.Currency currency) {
        long sum = 0;
        for (var line : lines) {
            if (!line.unitPrice().currency().equals(currency)) {
                throw new IllegalArgumentException("Line item '" + line.description() + "' is in "
                        + line.unitPrice().currency() + ", the invoice in " + currency);
            }
            sum = Math.addExact(sum, line.amount().minorUnits());
        }
        return new Money(sum, currency);
    }
}
