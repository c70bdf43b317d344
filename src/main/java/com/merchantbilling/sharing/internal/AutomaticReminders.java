package com.merchantbilling.sharing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.OnlinePaymentFilter;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.sharing.BuyerMessages.Outcome;
import com.merchantbilling.sharing.MessageKind;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The automatic reminder: for each organization that turned it on (N days, {@code sharing_settings}), one
 * reminder to the buyer of every Pending Payment invoice whose due date is N or more days past. The step's row
 * ({@link DeliveryLog#FIRST_AUTOMATIC_REMINDER}) is claimed before sending, so a step is sent once, by whichever
 * node and however often the job runs; a step the mail server could not take is claimed again on the next run.
 * A Paid invoice is not Pending Payment and so is never reminded; the status is read again right before each send.
 */
@Component
class AutomaticReminders {

    private static final Logger log = LoggerFactory.getLogger(AutomaticReminders.class);
    static final String ACTOR = "Automatic reminder";

    private final SharingSettingsService settings;
    private final BillingInvoices invoices;
    private final BuyerMessageService messages;
    private final Clock clock;

    AutomaticReminders(SharingSettingsService settings, BillingInvoices invoices, BuyerMessageService messages,
            Optional<Clock> clock) {
        this.settings = settings;
        this.invoices = invoices;
        this.messages = messages;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Once per interval for the cluster (SchedulerLocks' common choice); the claim per invoice and step is what
     * keeps a step from being sent twice, the lock only keeps nodes from walking the same invoices at once.
     */
    @Scheduled(initialDelayString = "${merchantbilling.sharing.reminder-check-interval:1h}",
            fixedDelayString = "${merchantbilling.sharing.reminder-check-interval:1h}")
    @SchedulerLock(name = "automatic-payment-reminders",
            lockAtLeastFor = "${merchantbilling.sharing.reminder-check-interval:1h}",
            lockAtMostFor = "${merchantbilling.sharing.reminder-check-interval:1h}")
    void scheduledRun() {
        run();
    }

    /** Sends the due reminders of every organization that has them on; their outcomes. */
    List<Outcome> run() {
        var today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        var outcomes = new ArrayList<Outcome>();
        for (Map.Entry<OrganizationId, Integer> entry : settings.automaticReminders().entrySet()) {
            outcomes.addAll(run(entry.getKey(), today.minusDays(entry.getValue())));
        }
        long sent = outcomes.stream().filter(o -> o.result() == com.merchantbilling.sharing.BuyerMessages.Result.SENT).count();
        if (!outcomes.isEmpty()) {
            // a step sent on an earlier run reports its first outcome again (SENT) without a second email
            log.info("Automatic reminders: {} invoices due, {} sent now or before, {} not", outcomes.size(), sent,
                    outcomes.size() - sent);
        }
        return outcomes;
    }

    private List<Outcome> run(OrganizationId organization, LocalDate dueOnOrBefore) {
        var outcomes = new ArrayList<Outcome>();
        var pending = OnlinePaymentFilter.of(OnlinePaymentFilter.Status.PENDING_PAYMENT);
        var byDueDate = new InvoiceSort(InvoiceSort.Field.DUE_DATE, false);
        Optional<BillingInvoice> boundary = Optional.empty();
        while (true) {
            var page = invoices.pageAfter(organization, "", pending, byDueDate, boundary, 100);
            var due = page.stream().filter(invoice -> !invoice.dueDate().isAfter(dueOnOrBefore)).toList();
            if (!due.isEmpty()) {
                outcomes.addAll(messages.sendStep(organization, DeliveryLog.FIRST_AUTOMATIC_REMINDER,
                        due.stream().map(BillingInvoice::id).toList(), ACTOR));
            }
            if (due.size() < page.size() || page.size() < 100) {
                return outcomes;
            }
            boundary = Optional.of(page.getLast());
        }
    }

}
