/**
 * Sharing payment links with buyers: Bulk Action's Email Payment Links and Send Reminder, the automatic
 * reminder N days after the due date, and the follow-up (what was sent to whom, when, with what outcome).
 * Owns its tables (V19: settings, buyer languages, the deliveries and their attempts, which are the send log)
 * and the mail templates under {@code src/main/resources/mail}. It reads invoices and organizations through their
 * APIs; invoicing knows nothing of it (an email is not a change of the invoice, so invoicing's audit trail stays
 * the record of the online payment and this module's send log the record of what reached the buyer).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sharing", allowedDependencies = { "organizations",
        "invoicing" })
package com.merchantbilling.sharing;
