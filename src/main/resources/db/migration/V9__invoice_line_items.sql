-- invoicing module: the line items an invoice was issued with. Kept outside the Invoice aggregate's table
-- mapping, so recording links and payments never rewrites them. Amounts are minor units in the invoice's currency.
create table invoice_line_items (
    invoice_id  bigint       not null references invoices (id),
    line_number int          not null check (line_number >= 1),
    description varchar(500) not null,
    quantity    bigint       not null check (quantity >= 1),
    unit_price  bigint       not null,
    amount      bigint       not null check (amount = quantity * unit_price),
    primary key (invoice_id, line_number)
);

-- the newest invoice of an organization: where the next suggested invoice number starts
create index invoices_by_organization_id on invoices (organization_id, id);
