package com.merchantbilling.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.organizations.MerchantRole;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;

/**
 * Fills an empty database with two organizations on first start of the developer run: Sakura Trading,
 * subscribed to the Stripe Credit Card Payment Add-on with 260 invoices and a user of each role, and Maple Goods,
 * not subscribed.
 */
@Component
@ConditionalOnBooleanProperty("merchantbilling.demo-data.enabled")
class DemoData implements ApplicationRunner {

    static final int SAKURA_INVOICES = 260;
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final List<String> BUYERS = List.of("Aoba Logistics", "Hikari Foods", "Kanto Print Works",
            "Midori Design Studio", "Nakamura Dental Clinic", "Osaka Bay Marine", "Pacific Rim Traders",
            "Riverside Bakery", "Seaside Hotels Group", "Tanaka Architects", "Umeda Electronics",
            "Westbrook Consulting", "Yamato Tea House", "Zenith Robotics");

    private final Organizations organizations;
    private final BillingInvoices invoices;
    private final AddOnSubscriptions addOns;
    private final TransactionTemplate transaction;

    DemoData(Organizations organizations, BillingInvoices invoices, AddOnSubscriptions addOns,
            TransactionTemplate transaction) {
        this.organizations = organizations;
        this.invoices = invoices;
        this.addOns = addOns;
        this.transaction = transaction;
    }

    /**
     * Runs as an Owner: issuing invoices and subscribing the add-on go through the modules' APIs, which check the
     * caller's role (organizations' MerchantRole), and at start-up nobody is signed in.
     */
    @Override
    public void run(ApplicationArguments args) {
        var before = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("demo-data", null,
                List.of(MerchantRole.OWNER.grantedAuthority())));
        SecurityContextHolder.setContext(context);
        try {
            create();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }

    private void create() {
        transaction.executeWithoutResult(status -> {
            if (organizations.any()) {
                return;
            }
            var sakura = organizations.register("Sakura Trading", Optional.empty()).id();
            organizations.addUser(sakura, "sakura", "Aiko Sato", "sakura-demo-pass");
            organizations.addUser(sakura, "sakura-billing", "Kenji Ito", "sakura-billing-pass",
                    MerchantRole.BILLING_MANAGER);
            organizations.addUser(sakura, "sakura-viewer", "Yui Tanaka", "sakura-viewer-pass", MerchantRole.VIEWER);
            addOns.subscribe(sakura, AddOn.STRIPE_CREDIT_CARD_PAYMENT);
            issueInvoices(sakura, "ST", SAKURA_INVOICES, 42);

            var maple = organizations.register("Maple Goods", Optional.empty()).id();
            organizations.addUser(maple, "maple", "Liam Chen", "maple-demo-pass");
            issueInvoices(maple, "MG", 12, 7);
            log.info("Demo data created: users 'sakura' (Owner), 'sakura-billing' (Billing manager), 'sakura-viewer' "
                    + "(Viewer) of Sakura Trading (Stripe add-on, {} invoices) and 'maple' (no add-on)", SAKURA_INVOICES);
        });
    }

    private void issueInvoices(OrganizationId organization, String prefix, int count, long seed) {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        var firstIssue = LocalDate.now().minusDays(count);
        for (int i = 1; i <= count; i++) {
            var issued = firstIssue.plusDays(random.nextInt(count));
            var due = issued.plusDays(List.of(14, 30, 45, 60).get(random.nextInt(4)));
            invoices.issue(organization, new NewInvoice(
                    "%s-%s-%04d".formatted(prefix, issued.getYear(), i),
                    BUYERS.get(random.nextInt(BUYERS.size())),
                    "billing@buyer%d.example".formatted(random.nextInt(50)),
                    issued, due, amount(i, random)));
        }
    }

    /** Mostly JPY, a third USD; every 17th is zero and every 23rd a credit note. */
    private static Money amount(int i, RandomGenerator random) {
        boolean usd = i % 3 == 0;
        if (i % 17 == 0) {
            return Money.of(0, usd ? "USD" : "JPY");
        }
        long amount = usd ? 500 + random.nextLong(2_500_00) : 1_000 + random.nextLong(500) * 100;
        return Money.of(i % 23 == 0 ? -amount : amount, usd ? "USD" : "JPY");
    }
}
