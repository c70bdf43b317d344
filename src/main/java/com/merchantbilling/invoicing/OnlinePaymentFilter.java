package com.merchantbilling.invoicing;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which invoices the Billing Invoices list shows by their online payment, besides the text filter: any of
 * some statuses (none given: every status), and/or those carrying one payment flag. Used alike by the page,
 * the count and the CSV export, so the export holds what the grid shows.
 */
public record OnlinePaymentFilter(Set<Status> statuses, Optional<PaymentFlag> flag) {

    /** Every invoice. */
    public static final OnlinePaymentFilter ALL = new OnlinePaymentFilter(Set.of(), Optional.empty());

    /**
     * The three states a merchant tells apart. Creating Link and Link Failed count as Not Created: neither
     * has a link yet, a failed request may be made again, and one still being created is a few seconds from
     * Pending Payment. So the three add up to the whole list and no invoice falls between the options.
     */
    public enum Status {
        NOT_CREATED(OnlinePaymentStatus.NOT_CREATED, OnlinePaymentStatus.LINK_REQUESTED,
                OnlinePaymentStatus.LINK_FAILED),
        PENDING_PAYMENT(OnlinePaymentStatus.PENDING_PAYMENT),
        PAID(OnlinePaymentStatus.PAID);

        private final Set<OnlinePaymentStatus> covers;

        Status(OnlinePaymentStatus first, OnlinePaymentStatus... more) {
            this.covers = EnumSet.of(first, more);
        }

        /** The stored statuses this one stands for. */
        public Set<OnlinePaymentStatus> covers() {
            return covers;
        }

        public static Status of(OnlinePaymentStatus status) {
            return Arrays.stream(values()).filter(s -> s.covers.contains(status)).findFirst().orElseThrow();
        }
    }

    public OnlinePaymentFilter {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        flag = flag == null ? Optional.empty() : flag;
    }

    public static OnlinePaymentFilter of(Status... statuses) {
        return new OnlinePaymentFilter(Set.of(statuses), Optional.empty());
    }

    public static OnlinePaymentFilter flagged(PaymentFlag flag) {
        return new OnlinePaymentFilter(Set.of(), Optional.of(Objects.requireNonNull(flag, "flag")));
    }

    /** Nothing left out. */
    public boolean isAll() {
        return (statuses.isEmpty() || statuses.size() == Status.values().length) && flag.isEmpty();
    }

    public boolean matches(BillingInvoice invoice) {
        return (statuses.isEmpty() || statuses.contains(Status.of(invoice.onlinePayment())))
                && flag.map(invoice.flags()::contains).orElse(true);
    }

    /**
     * How many invoices of the list (as narrowed by the text filter) each option would show; read in one
     * statement, so the numbers agree with each other.
     */
    public record Counts(long all, Map<Status, Long> statuses, Map<PaymentFlag, Long> flags) {

        public Counts {
            statuses = Map.copyOf(statuses);
            flags = Map.copyOf(flags);
        }

        public long of(Status status) {
            return statuses.getOrDefault(status, 0L);
        }

        public long of(PaymentFlag flag) {
            return flags.getOrDefault(flag, 0L);
        }

        public static Counts none() {
            return new Counts(0, new EnumMap<>(Status.class), new EnumMap<>(PaymentFlag.class));
        }
    }
}
