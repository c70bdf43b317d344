-- invoicing module: the Online Payment filter (Not Created / Pending Payment / Paid, and the payment flags)
-- stays fast on a book of a million invoices.

-- One status in the default order (issue date, newest first): the page is read straight off this index, and
-- the per-status counts are an index-only scan of it instead of a pass over the table.
create index invoices_by_status_issue_date on invoices (organization_id, online_payment_status, issue_date, id);

-- Few invoices carry a flag (refunds, disputes, differing or failed payments): a partial index holds only
-- those, so a flag's page and the flag counts read a few rows, not the book. The predicate is written out in
-- BillingInvoiceQueries.FLAGGED, and every flag condition adds it, so the planner can prove it applies.
create index invoices_flagged on invoices (organization_id, issue_date, id)
    where (differing_currency is not null or payment_count > 1 or refund_state is not null
           or dispute_state is not null or payment_failed_at is not null or paid_amount > billing_amount);
