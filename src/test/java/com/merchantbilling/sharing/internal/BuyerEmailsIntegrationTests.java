package com.merchantbilling.sharing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.invoicing.PaymentLinkRequests.TooManyInvoicesSelectedException;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.invoicing.onlinepayments.ReceivedPayment;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.sharing.BuyerLanguage;
import com.merchantbilling.sharing.BuyerMessages;
import com.merchantbilling.sharing.BuyerMessages.Reason;
import com.merchantbilling.sharing.BuyerMessages.Result;
import com.merchantbilling.sharing.DeliveryStatus;
import com.merchantbilling.sharing.FollowUps;
import com.merchantbilling.sharing.MessageKind;
import com.merchantbilling.sharing.SharingSettings;
import com.merchantbilling.support.FreePort;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.Tenants;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * Payment link emails and reminders through a real SMTP server in the JVM (GreenMail on a loopback port, what
 * {@code spring.mail.*} points at), read back as delivered: recipient, subject, link, language.
 */
@IntegrationTest
class BuyerEmailsIntegrationTests {

    static final int SMTP_PORT = FreePort.find();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        registry.add("merchantbilling.sharing.from", () -> "billing@sakura.example");
    }

    @Autowired
    Tenants tenants;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    OnlinePayments onlinePayments;
    @Autowired
    BuyerMessages messages;
    @Autowired
    FollowUps followUps;
    @Autowired
    SharingSettings settings;
    @Autowired
    AutomaticReminders automaticReminders;
    @Autowired
    com.merchantbilling.organizations.Organizations organizations;

    OrganizationId organization;

    @BeforeEach
    void organization() {
        organization = tenants.subscribed("Sakura Mail");
    }

    InvoiceId invoice(String number, String email, Money amount, LocalDate due) {
        return invoices.issue(organization, new NewInvoice(number, "Buyer " + number, email, due.minusDays(30), due, amount));
    }

    void linked(InvoiceId invoice) {
        tenants.pendingWithMadeUpLink(organization, invoice, "plink_mail_", "test-merchant");
    }

    String url(InvoiceId invoice) {
        return invoices.find(organization, invoice).orElseThrow().paymentLinkUrl().orElseThrow();
    }

    static String to(MimeMessage message) throws Exception {
        return message.getRecipients(Message.RecipientType.TO)[0].toString();
    }

    static String body(MimeMessage message) throws Exception {
        return (String) message.getContent();
    }

    MimeMessage only(String recipient) throws Exception {
        var found = new ArrayList<MimeMessage>();
        for (var message : smtp.getReceivedMessages()) {
            if (to(message).equals(recipient)) {
                found.add(message);
            }
        }
        assertThat(found).as("messages to " + recipient).hasSize(1);
        return found.getFirst();
    }

    @Test
    void emailsEachBuyerWithALinkOnceInTheirLanguageAndNamesWhoCannotGetOne() throws Exception {
        var usd = invoice("EM-1", "ann@example.com", Money.of(123450, "USD"), LocalDate.of(2026, 12, 31));
        var jpy = invoice("EM-2", "taro@example.jp", Money.of(15000, "JPY"), LocalDate.of(2026, 12, 31));
        var noEmail = invoice("EM-3", null, Money.of(1000, "JPY"), LocalDate.of(2026, 12, 31));
        var malformed = invoice("EM-4", "not an address@", Money.of(1000, "JPY"), LocalDate.of(2026, 12, 31));
        var noLink = invoice("EM-5", "nolink@example.com", Money.of(1000, "JPY"), LocalDate.of(2026, 12, 31));
        List.of(usd, jpy, noEmail, malformed).forEach(this::linked);
        var selection = List.of(usd, jpy, noEmail, malformed, noLink);

        var plan = messages.plan(organization, MessageKind.PAYMENT_LINK, selection);
        assertThat(plan.recipients()).extracting(BuyerMessages.Recipient::invoiceNumber).containsExactly("EM-1", "EM-2");
        assertThat(plan.recipients()).allMatch(r -> r.language() == BuyerLanguage.EN && r.lastSent().isEmpty());
        assertThat(plan.excluded()).extracting(BuyerMessages.Excluded::invoiceNumber, BuyerMessages.Excluded::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EM-3", Reason.NO_EMAIL),
                        org.assertj.core.groups.Tuple.tuple("EM-4", Reason.MALFORMED_EMAIL),
                        org.assertj.core.groups.Tuple.tuple("EM-5", Reason.NO_LINK));

        var run = UUID.randomUUID();
        var outcomes = messages.send(organization, run, MessageKind.PAYMENT_LINK, selection,
                Map.of(jpy, BuyerLanguage.JA), "aiko");
        assertThat(outcomes).filteredOn(o -> o.result() == Result.SENT)
                .extracting(BuyerMessages.Outcome::invoiceNumber).containsExactlyInAnyOrder("EM-1", "EM-2");
        assertThat(outcomes).filteredOn(o -> o.result() == Result.NOT_SENT).extracting(o -> o.notSent().orElseThrow())
                .containsExactlyInAnyOrder(Reason.NO_EMAIL, Reason.MALFORMED_EMAIL, Reason.NO_LINK);

        assertThat(smtp.getReceivedMessages()).hasSize(2);
        var english = only("ann@example.com");
        assertThat(english.getSubject()).isEqualTo("Invoice EM-1 from " + organizationName() + ": pay online");
        assertThat(english.getFrom()[0].toString()).isEqualTo("billing@sakura.example");
        assertThat(body(english)).contains("Buyer EM-1", "USD 1,234.50", "December 31, 2026", url(usd));
        var japanese = only("taro@example.jp");
        assertThat(japanese.getSubject()).isEqualTo("【" + organizationName() + "】請求書 EM-2 のお支払いのご案内");
        assertThat(body(japanese)).contains("Buyer EM-2 様", "JPY 15,000", "2026年12月31日", url(jpy));

        // the same run again (a double click, another node): nothing is sent twice, the outcomes stay
        var again = messages.send(organization, run, MessageKind.PAYMENT_LINK, selection, Map.of(), "aiko");
        assertThat(again).filteredOn(o -> o.result() == Result.SENT).hasSize(2);
        assertThat(smtp.getReceivedMessages()).hasSize(2);

        // the language chosen is remembered for the invoice, and the next plan knows the link went out
        var next = messages.plan(organization, MessageKind.PAYMENT_LINK, List.of(usd, jpy));
        assertThat(next.recipients()).extracting(BuyerMessages.Recipient::language)
                .containsExactly(BuyerLanguage.EN, BuyerLanguage.JA);
        assertThat(next.recipients()).allMatch(r -> r.lastSent().isPresent());

        // a resend on request is a new run
        messages.send(organization, UUID.randomUUID(), MessageKind.PAYMENT_LINK, List.of(jpy), Map.of(), "aiko");
        assertThat(smtp.getReceivedMessages()).hasSize(3);
        assertThat(followUps.history(organization, jpy)).extracting(FollowUps.HistoryEntry::status)
                .containsExactly(DeliveryStatus.SENT, DeliveryStatus.SENT);
        assertThat(followUps.glance(organization, List.of(usd, jpy, noEmail))).containsOnlyKeys(usd, jpy);
        assertThat(followUps.glance(organization, List.of(usd)).get(usd).linkSent()).isPresent();
    }

    @Test
    void aMailServerThatIsDownLosesNothingAndARetrySendsIt() throws Exception {
        var invoice = invoice("DN-1", "down@example.com", Money.of(5000, "JPY"), LocalDate.of(2026, 12, 31));
        linked(invoice);
        var run = UUID.randomUUID();

        smtp.stop();
        List<BuyerMessages.Outcome> outcomes;
        try {
            outcomes = messages.send(organization, run, MessageKind.PAYMENT_LINK, List.of(invoice), Map.of(), "aiko");
        } finally {
            smtp.start();
        }
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.result()).isEqualTo(Result.UNAVAILABLE);
            assertThat(outcome.detail()).hasValueSatisfying(detail -> assertThat(detail).isNotBlank());
        });
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(messages.outcomes(organization, run)).extracting(BuyerMessages.Outcome::result)
                .containsExactly(Result.UNAVAILABLE);

        var retried = messages.retryUnavailable(organization, run, "aiko");
        assertThat(retried).extracting(BuyerMessages.Outcome::result).containsExactly(Result.SENT);
        assertThat(only("down@example.com").getSubject()).contains("DN-1");
        // the retry of a sent run sends nothing more
        messages.retryUnavailable(organization, run, "aiko");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(followUps.history(organization, invoice)).extracting(FollowUps.HistoryEntry::status)
                .containsExactly(DeliveryStatus.UNAVAILABLE, DeliveryStatus.SENT);
    }

    @Test
    void remindersAreForPendingPaymentOnlyAndStopWhenPaid() throws Exception {
        var pending = invoice("RM-1", "pending@example.com", Money.of(2000, "JPY"), LocalDate.of(2026, 6, 1));
        var paid = invoice("RM-2", "paid@example.com", Money.of(3000, "JPY"), LocalDate.of(2026, 6, 1));
        linked(pending);
        pay(paid);

        var plan = messages.plan(organization, MessageKind.REMINDER, List.of(pending, paid));
        assertThat(plan.recipients()).extracting(BuyerMessages.Recipient::invoice).containsExactly(pending);
        assertThat(plan.excluded()).extracting(BuyerMessages.Excluded::reason).containsExactly(Reason.PAID);

        messages.send(organization, UUID.randomUUID(), MessageKind.REMINDER, List.of(pending, paid), Map.of(), "aiko");
        assertThat(only("pending@example.com").getSubject()).startsWith("Reminder: invoice RM-1");
        assertThat(Arrays.stream(smtp.getReceivedMessages())).hasSize(1);
        assertThat(followUps.glance(organization, List.of(pending)).get(pending).reminders()).isEqualTo(1);
    }

    @Test
    void theAutomaticReminderGoesOncePerStepOnlyWhenTurnedOnAndNeverAfterPayment() throws Exception {
        // due far in the past (the test clock is the real one): overdue by more than any N
        var overdue = invoice("AR-1", "late@example.com", Money.of(2000, "JPY"), LocalDate.of(2025, 1, 10));
        var paidLater = invoice("AR-2", "payer@example.com", Money.of(2000, "JPY"), LocalDate.of(2025, 1, 10));
        var notYetDue = invoice("AR-3", "early@example.com", Money.of(2000, "JPY"), LocalDate.now().plusDays(30));
        List.of(overdue, paidLater, notYetDue).forEach(this::linked);

        // off by default: nothing
        assertThat(settings.find(organization).reminderAfterDays()).isEmpty();
        automaticReminders.run();
        assertThat(messagesTo(List.of("late@example.com", "payer@example.com", "early@example.com"))).isEmpty();

        pay(paidLater);
        settings.save(organization, new SharingSettings.Settings(BuyerLanguage.JA, OptionalInt.of(7)));
        automaticReminders.run();
        automaticReminders.run();
        var late = only("late@example.com");
        assertThat(late.getSubject()).contains("AR-1", "リマインダー");
        assertThat(messagesTo(List.of("payer@example.com", "early@example.com"))).isEmpty();
        assertThat(followUps.history(organization, overdue)).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(MessageKind.REMINDER);
            assertThat(entry.automatic()).isTrue();
            assertThat(entry.by()).isEqualTo(AutomaticReminders.ACTOR);
        });
    }

    @Test
    void moreThanOneHundredInvoicesAreRefusedAndOtherOrganizationsInvoicesDoNotExist() throws Exception {
        var ids = IntStream.rangeClosed(1, 101).mapToObj(i -> new InvoiceId(1_000_000L + i)).toList();
        assertThatThrownBy(() -> messages.plan(organization, MessageKind.PAYMENT_LINK, ids))
                .isInstanceOf(TooManyInvoicesSelectedException.class);

        var other = tenants.subscribed("Other Mail");
        var theirs = invoices.issue(other, new NewInvoice("OT-1", "Theirs", "theirs@example.com",
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), Money.of(1000, "JPY")));
        tenants.pendingWithMadeUpLink(other, theirs, "plink_other_", "someone");
        var outcomes = messages.send(organization, UUID.randomUUID(), MessageKind.PAYMENT_LINK, List.of(theirs),
                Map.of(), "aiko");
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.notSent()).contains(Reason.NOT_FOUND));
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(followUps.history(organization, theirs)).isEmpty();
    }

    private List<MimeMessage> messagesTo(List<String> recipients) throws Exception {
        var found = new ArrayList<MimeMessage>();
        for (var message : smtp.getReceivedMessages()) {
            if (recipients.contains(to(message))) {
                found.add(message);
            }
        }
        return found;
    }

    private void pay(InvoiceId invoice) {
        String link = tenants.pendingWithMadeUpLink(organization, invoice, "plink_paid_", "test-merchant");
        var amount = invoices.find(organization, invoice).orElseThrow().billingAmount();
        onlinePayments.recordPayment(invoice, new ReceivedPayment("cs_" + link, Optional.of(link), amount,
                Instant.now(), Optional.empty(), Optional.empty()));
    }

    private String organizationName() {
        return organizations.find(organization).orElseThrow().name();
    }
}
