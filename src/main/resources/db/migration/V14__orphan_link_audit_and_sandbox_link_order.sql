-- invoicing module: the audit trail also records deactivated orphan payment links (links Stripe created for an
-- invoice that already had another link recorded; the merchant never saw them).
alter table invoice_audit_entries drop constraint invoice_audit_entries_action_check;
alter table invoice_audit_entries add constraint invoice_audit_entries_action_check
    check (action in ('LINK_REQUESTED', 'LINK_CREATED', 'LINK_FAILED', 'PAID', 'ADDITIONAL_PAYMENT',
                      'ORPHAN_LINK_DEACTIVATED'));

-- stripesandbox module: Stripe lists payment links strictly newest first; created has whole seconds only, so the
-- order of insertion breaks ties.
alter table stripe_sandbox_payment_links add column seq bigint generated always as identity;
create index stripe_sandbox_payment_links_newest on stripe_sandbox_payment_links (created desc, seq desc);
