package com.merchantbilling.invoicing.internal.queries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.OnlinePaymentFilter;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaidDetails;
import com.merchantbilling.invoicing.PaymentFlag;
import com.merchantbilling.invoicing.internal.ChargeStates;

/**
 * Reads for the Billing Invoices list. Plain SQL because the list sorts and filters dynamically; the
 * organization is the first condition of every statement.
 */
@Repository
public class BillingInvoiceQueries {

    public static final String COLUMNS = """
            id, invoice_number, buyer_name, issue_date, due_date, billing_amount, currency,
            online_payment_status, payment_link_url, payment_link_failure,
            paid_at, paid_amount, paid_currency, payment_count,
            differing_amount, differing_currency, refund_state, dispute_state, payment_failed_at""";

    private final JdbcClient jdbc;

    BillingInvoiceQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count(long organizationId, String filter, OnlinePaymentFilter onlinePayment) {
        var pattern = likePattern(filter);
        if (pattern.isEmpty()) {
            // kept by V12's and V22's triggers: counting a large book (or a large status) row by row costs more
            // than the page itself
            var counted = total(counters(organizationId), onlinePayment);
            if (counted.isPresent()) {
                return counted.getAsLong();
            }
        }
        return jdbc.sql("select count(*) from invoices where organization_id = :org" + filterCondition(pattern)
                        + onlinePaymentCondition(onlinePayment))
                .param("org", organizationId)
                .param("pattern", pattern.orElse(null))
                .query(Long.class)
                .single();
    }

    /**
     * Every option's count. Without a text filter: the organization's counters (V22), one row. With one: the
     * text's matches found once (one trigram scan) and counted per option in memory; exact, and as costly as
     * the matches are many (see {@link #countedSeek}).
     */
    OnlinePaymentFilter.Counts onlinePaymentCounts(long organizationId, String filter) {
        var pattern = likePattern(filter);
        if (pattern.isEmpty()) {
            return counters(organizationId);
        }
        return jdbc.sql("with matches as materialized (select " + COLUMNS + " from invoices where organization_id = :org"
                        + filterCondition(pattern) + ") select " + optionCounts() + " from matches")
                .param("org", organizationId)
                .param("pattern", pattern.get())
                .query((rs, n) -> options(rs))
                .single();
    }

    /**
     * The organization's counters kept by V22's triggers (per stored status and per flag): what the options
     * show without a text filter, and the total of a status or a flag list. Clamped at zero: a counter must not
     * make the pager show a negative page count even if it drifted.
     */
    OnlinePaymentFilter.Counts counters(long organizationId) {
        return jdbc.sql("select * from invoice_counts where organization_id = :org")
                .param("org", organizationId)
                .query((rs, n) -> {
                    var statuses = new java.util.EnumMap<OnlinePaymentFilter.Status, Long>(OnlinePaymentFilter.Status.class);
                    for (var status : OnlinePaymentFilter.Status.values()) {
                        long sum = 0;
                        for (var stored : status.covers()) {
                            sum += Math.max(0, rs.getLong(stored.name().toLowerCase(java.util.Locale.ROOT)));
                        }
                        statuses.put(status, sum);
                    }
                    var flags = new java.util.EnumMap<PaymentFlag, Long>(PaymentFlag.class);
                    for (var flag : PaymentFlag.values()) {
                        flags.put(flag, Math.max(0, rs.getLong(flag.name().toLowerCase(java.util.Locale.ROOT))));
                    }
                    return new OnlinePaymentFilter.Counts(Math.max(0, rs.getLong("invoices")), statuses, flags);
                })
                .optional()
                .orElseGet(OnlinePaymentFilter.Counts::none);
    }

    /** The list's total from the option counts, when the filter is one of the options (or a union of statuses). */
    private static java.util.OptionalLong total(OnlinePaymentFilter.Counts counts, OnlinePaymentFilter filter) {
        if (filter.isAll()) {
            return java.util.OptionalLong.of(counts.all());
        }
        if (filter.flag().isPresent()) {
            return filter.statuses().isEmpty() ? java.util.OptionalLong.of(counts.of(filter.flag().get()))
                    : java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(filter.statuses().stream().mapToLong(counts::of).sum());
    }

    /**
     * A page with the list's total and the options' counts. Without a text filter: the counters and the keyset
     * page (an index seek), two cheap reads. With a text filter: one statement, in which the text's matches
     * are found once (trigram bitmap scans, the cost of the whole read) and kept in memory; the total, the
     * options' counts and the page (a top-N sort of the matches after the boundary) are all read from them.
     * That is what the page alone cost before: the filtered seek materialized the matches already, so the
     * count that used to be a second scan of the same index now comes free, on every page, exact.
     */
    BillingInvoices.CountedPage countedSeek(long organizationId, String filter, OnlinePaymentFilter onlinePayment,
            InvoiceSort sort, Optional<BillingInvoice> boundary, boolean before, int limit) {
        var pattern = likePattern(filter);
        if (pattern.isEmpty()) {
            var options = counters(organizationId);
            long total = total(options, onlinePayment).orElseGet(() -> count(organizationId, filter, onlinePayment));
            return new BillingInvoices.CountedPage(
                    seek(organizationId, filter, onlinePayment, sort, boundary, before, limit), total, options);
        }
        boolean descending = sort.descending() != before;
        var direction = descending ? " desc" : " asc";
        var column = column(sort.field());
        var seek = boundary.isPresent() ? " and (" + column + ", id) " + (descending ? "<" : ">") + " (:value, :id)" : "";
        var listed = "true" + onlinePaymentCondition(onlinePayment);
        var order = " order by " + column + direction + ", id" + direction;
        var sql = "with matches as materialized (select " + COLUMNS + " from invoices where organization_id = :org"
                + filterCondition(pattern) + ")"
                + " select o.*, p.* from (select count(*) filter (where " + listed + ") as listed_total, "
                + optionCounts() + " from matches) o"
                + " left join lateral (select * from matches where " + listed + seek + order + " limit :limit) p"
                + " on true" + order.replace(" order by ", " order by p.").replace(", id", ", p.id");
        var rows = new java.util.ArrayList<BillingInvoice>();
        var total = new java.util.concurrent.atomic.AtomicLong();
        var options = new java.util.concurrent.atomic.AtomicReference<OnlinePaymentFilter.Counts>();
        jdbc.sql(sql)
                .param("org", organizationId)
                .param("pattern", pattern.get())
                .param("value", boundary.map(row -> sortValue(sort.field(), row)).orElse(null))
                .param("id", boundary.map(row -> row.id().value()).orElse(null))
                .param("limit", limit)
                .query(rs -> {
                    if (options.get() == null) {
                        total.set(rs.getLong("listed_total"));
                        options.set(options(rs));
                    }
                    // no row after the boundary: the left join's one row of nulls
                    if (rs.getObject("id") != null) {
                        rows.add(toRow(rs, rows.size()));
                    }
                });
        if (before) {
            java.util.Collections.reverse(rows);
        }
        return new BillingInvoices.CountedPage(rows, total.get(), options.get());
    }

    /** Each option's count over the rows of {@code from}, as columns named by {@link #options}. */
    private static String optionCounts() {
        var sql = new StringBuilder("count(*) as option_all");
        for (var status : OnlinePaymentFilter.Status.values()) {
            sql.append(", count(*) filter (where ").append(statusCondition(java.util.Set.of(status)))
                    .append(") as option_").append(status.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (var flag : PaymentFlag.values()) {
            sql.append(", count(*) filter (where ").append(flagCondition(flag)).append(") as option_flag_")
                    .append(flag.name().toLowerCase(java.util.Locale.ROOT));
        }
        return sql.toString();
    }

    private static OnlinePaymentFilter.Counts options(ResultSet rs) throws SQLException {
        var statuses = new java.util.EnumMap<OnlinePaymentFilter.Status, Long>(OnlinePaymentFilter.Status.class);
        for (var status : OnlinePaymentFilter.Status.values()) {
            statuses.put(status, rs.getLong("option_" + status.name().toLowerCase(java.util.Locale.ROOT)));
        }
        var flags = new java.util.EnumMap<PaymentFlag, Long>(PaymentFlag.class);
        for (var flag : PaymentFlag.values()) {
            flags.put(flag, rs.getLong("option_flag_" + flag.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return new OnlinePaymentFilter.Counts(rs.getLong("option_all"), statuses, flags);
    }

    List<BillingInvoice> page(long organizationId, String filter, OnlinePaymentFilter onlinePayment, InvoiceSort sort,
            long offset, int limit) {
        var pattern = likePattern(filter);
        var direction = sort.descending() ? " desc" : " asc";
        // a unique tie-breaker keeps pages stable when many rows share the sorted value
        var orderBy = " order by " + column(sort.field()) + direction + ", id" + direction;
        return jdbc.sql("select " + COLUMNS + " from invoices where organization_id = :org"
                        + filterCondition(pattern) + onlinePaymentCondition(onlinePayment) + orderBy
                        + " limit :limit offset :offset")
                .param("org", organizationId)
                .param("pattern", pattern.orElse(null))
                .param("limit", limit)
                .param("offset", offset)
                .query(BillingInvoiceQueries::toRow)
                .list();
    }

    /**
     * Keyset paging: the rows just after (or before) the boundary row in the sort order, found by seeking
     * the (organization_id, column, id) index instead of skipping rows, so the thousandth page costs what
     * the first does. Rows come back in the sort order either way.
     */
    List<BillingInvoice> seek(long organizationId, String filter, OnlinePaymentFilter onlinePayment, InvoiceSort sort,
            Optional<BillingInvoice> boundary, boolean before, int limit) {
        var pattern = likePattern(filter);
        // reading backwards is reading the reversed order forwards
        boolean descending = sort.descending() != before;
        var direction = descending ? " desc" : " asc";
        var column = column(sort.field());
        var seek = boundary.isPresent() ? " and (" + column + ", id) " + (descending ? "<" : ">") + " (:value, :id)" : "";
        // Filtered: find the matches first (trigram bitmap scan), then sort them. Left to itself the planner
        // may walk the sort index and test every row against the filter, which for a rare buyer in a large
        // book reads most of it (seen: 640 ms instead of 22 ms, depending on the sampled statistics).
        var from = pattern.isPresent()
                ? "with matches as materialized (select " + COLUMNS + " from invoices where organization_id = :org"
                        + filterCondition(pattern) + onlinePaymentCondition(onlinePayment) + ") select " + COLUMNS
                        + " from matches where true"
                : "select " + COLUMNS + " from invoices where organization_id = :org"
                        + onlinePaymentCondition(onlinePayment);
        var rows = new java.util.ArrayList<>(jdbc.sql(from + seek + " order by " + column + direction + ", id"
                        + direction + " limit :limit")
                .param("org", organizationId)
                .param("pattern", pattern.orElse(null))
                .param("value", boundary.map(row -> sortValue(sort.field(), row)).orElse(null))
                .param("id", boundary.map(row -> row.id().value()).orElse(null))
                .param("limit", limit)
                .query(BillingInvoiceQueries::toRow)
                .list());
        if (before) {
            java.util.Collections.reverse(rows);
        }
        return rows;
    }

    private static Object sortValue(InvoiceSort.Field field, BillingInvoice row) {
        return switch (field) {
            case INVOICE_NUMBER -> row.invoiceNumber();
            case BUYER -> row.buyerName();
            case ISSUE_DATE -> row.issueDate();
            case DUE_DATE -> row.dueDate();
            case BILLING_AMOUNT -> row.billingAmount().minorUnits();
        };
    }

    Optional<BillingInvoice> find(long organizationId, long invoiceId) {
        return jdbc.sql("select " + COLUMNS + " from invoices where organization_id = :org and id = :id")
                .param("org", organizationId)
                .param("id", invoiceId)
                .query(BillingInvoiceQueries::toRow)
                .optional();
    }

    public List<BillingInvoice> findAll(long organizationId, Collection<Long> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from invoices where organization_id = :org and id in (:ids)"
                        + " order by invoice_number")
                .param("org", organizationId)
                .param("ids", invoiceIds)
                .query(BillingInvoiceQueries::toRow)
                .list();
    }

    public static String column(InvoiceSort.Field field) {
        return switch (field) {
            case INVOICE_NUMBER -> "invoice_number";
            case BUYER -> "buyer_name";
            case ISSUE_DATE -> "issue_date";
            case DUE_DATE -> "due_date";
            case BILLING_AMOUNT -> "billing_amount";
        };
    }

    /**
     * True for every invoice that carries any flag: the predicate of V18's partial index. Each flag's condition
     * below is written with it ("and" + this), so the planner can prove that the partial index covers it.
     */
    static final String FLAGGED = "(differing_currency is not null or payment_count > 1 or refund_state is not null"
            + " or dispute_state is not null or payment_failed_at is not null or paid_amount > billing_amount)";

    /**
     * The online payment filter as SQL. Only enum names are written into it, never user text, so it needs no
     * parameters and reads the same in the export's positional statement.
     */
    public static String onlinePaymentCondition(OnlinePaymentFilter filter) {
        var sql = new StringBuilder();
        if (!filter.statuses().isEmpty() && filter.statuses().size() < OnlinePaymentFilter.Status.values().length) {
            sql.append(" and ").append(statusCondition(filter.statuses()));
        }
        filter.flag().ifPresent(flag -> sql.append(" and ").append(FLAGGED).append(" and ").append(flagCondition(flag)));
        return sql.toString();
    }

    private static String statusCondition(java.util.Set<OnlinePaymentFilter.Status> statuses) {
        return statuses.stream().flatMap(status -> status.covers().stream()).sorted()
                .map(status -> "'" + status.name() + "'")
                .collect(java.util.stream.Collectors.joining(", ", "online_payment_status in (", ")"));
    }

    /** What {@link #flags} reads from a row, as a condition on the row. */
    private static String flagCondition(PaymentFlag flag) {
        return switch (flag) {
            case PAYMENT_DIFFERS -> "differing_currency is not null";
            case OVERPAID -> "(online_payment_status = 'PAID' and paid_currency = currency"
                    + " and paid_amount > billing_amount)";
            case PAID_TWICE -> "payment_count > 1";
            case REFUNDED -> "refund_state = 'FULL'";
            case PARTIALLY_REFUNDED -> "refund_state = 'PARTIAL'";
            case DISPUTED -> "dispute_state = 'OPEN'";
            case DISPUTE_LOST -> "dispute_state = 'LOST'";
            case PAYMENT_FAILED -> "(online_payment_status <> 'PAID' and payment_failed_at is not null)";
        };
    }

    /**
     * The text filter: the buyer or the invoice number contains the text. The buyer is matched against the
     * organization's distinct buyer names (V26: a thousand rows for a million invoices, by their trigram index)
     * and the invoices of the matching names are read from the (organization_id, buyer_name, id) b-tree; the
     * invoice number, unique per invoice, by its own trigram index. The names are an InitPlan, run once per
     * statement. Its row estimate is a guess, which is fine where the matches are materialized first (the grid);
     * a statement that lets the planner choose between walking the sort index and sorting the matches (the
     * export's chunks) passes the names as a parameter instead ({@link #filterConditionOnNames}).
     */
    public static String filterCondition(Optional<String> pattern) {
        return pattern.isPresent()
                ? " and (buyer_name = any(array(" + MATCHING_BUYER_NAMES + ")) or invoice_number ilike :pattern escape '\\')"
                : "";
    }

    /**
     * The text filter with the matching buyer names given (as {@link #matchingBuyerNames} found them) as the
     * {@code :names} text[] parameter: the planner then knows how many invoices they have from the column's
     * statistics, as it did for the ILIKE it replaces.
     */
    public static String filterConditionOnNames(Optional<String> pattern) {
        return pattern.isPresent()
                ? " and (buyer_name = any(:names) or invoice_number ilike :pattern escape '\\')"
                : "";
    }

    private static final String MATCHING_BUYER_NAMES = "select n.buyer_name from invoice_buyer_names n"
            + " where n.organization_id = :org and n.buyer_name ilike :pattern escape '\\'";

    /** The organization's buyer names that contain the filter's text ({@link #likePattern}). */
    public List<String> matchingBuyerNames(long organizationId, String pattern) {
        return jdbc.sql(MATCHING_BUYER_NAMES)
                .param("org", organizationId)
                .param("pattern", pattern)
                .query(String.class)
                .list();
    }

    /** The filter as a LIKE pattern that matches its text anywhere, with LIKE's wildcards taken literally. */
    public static Optional<String> likePattern(String filter) {
        if (filter == null || filter.isBlank()) {
            return Optional.empty();
        }
        var escaped = filter.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return Optional.of("%" + escaped + "%");
    }

    public static BillingInvoice toRow(ResultSet rs, int rowNum) throws SQLException {
        return new BillingInvoice(
                new InvoiceId(rs.getLong("id")),
                rs.getString("invoice_number"),
                rs.getString("buyer_name"),
                rs.getObject("issue_date", java.time.LocalDate.class),
                rs.getObject("due_date", java.time.LocalDate.class),
                Money.of(rs.getLong("billing_amount"), rs.getString("currency")),
                OnlinePaymentStatus.valueOf(rs.getString("online_payment_status")),
                Optional.ofNullable(rs.getString("payment_link_url")),
                Optional.ofNullable(rs.getString("payment_link_failure")),
                paid(rs),
                flags(rs),
                differing(rs));
    }

    private static Optional<Money> differing(ResultSet rs) throws SQLException {
        var currency = rs.getString("differing_currency");
        return currency == null ? Optional.empty() : Optional.of(Money.of(rs.getLong("differing_amount"), currency));
    }

    /** The flags beside the status, from the columns V15 added and the paid columns. */
    private static java.util.Set<PaymentFlag> flags(ResultSet rs) throws SQLException {
        var flags = java.util.EnumSet.noneOf(PaymentFlag.class);
        boolean paid = "PAID".equals(rs.getString("online_payment_status"));
        if (rs.getString("differing_currency") != null) {
            flags.add(PaymentFlag.PAYMENT_DIFFERS);
        }
        if (paid && rs.getString("paid_currency").equals(rs.getString("currency"))
                && rs.getLong("paid_amount") > rs.getLong("billing_amount")) {
            flags.add(PaymentFlag.OVERPAID);
        }
        if (rs.getInt("payment_count") > 1) {
            flags.add(PaymentFlag.PAID_TWICE);
        }
        var refund = rs.getString("refund_state");
        if (ChargeStates.RefundState.FULL.name().equals(refund)) {
            flags.add(PaymentFlag.REFUNDED);
        } else if (ChargeStates.RefundState.PARTIAL.name().equals(refund)) {
            flags.add(PaymentFlag.PARTIALLY_REFUNDED);
        }
        var dispute = rs.getString("dispute_state");
        if (ChargeStates.DisputeState.OPEN.name().equals(dispute)) {
            flags.add(PaymentFlag.DISPUTED);
        } else if (ChargeStates.DisputeState.LOST.name().equals(dispute)) {
            flags.add(PaymentFlag.DISPUTE_LOST);
        }
        if (!paid && rs.getObject("payment_failed_at") != null) {
            flags.add(PaymentFlag.PAYMENT_FAILED);
        }
        return flags;
    }

    private static Optional<PaidDetails> paid(ResultSet rs) throws SQLException {
        var paidAt = rs.getObject("paid_at", java.time.OffsetDateTime.class);
        if (paidAt == null) {
            return Optional.empty();
        }
        var billed = Money.of(rs.getLong("billing_amount"), rs.getString("currency"));
        var paid = Money.of(rs.getLong("paid_amount"), rs.getString("paid_currency"));
        return Optional.of(new PaidDetails(paidAt.toInstant(), paid, !paid.equals(billed), rs.getInt("payment_count")));
    }
}
