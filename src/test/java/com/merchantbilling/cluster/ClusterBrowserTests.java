package com.merchantbilling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.support.AppProcess;
import com.merchantbilling.support.BrowserSession;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.FakeStripeServer.Fault;
import com.merchantbilling.support.FakeStripeServer.FaultPlan;
import com.merchantbilling.support.FakeStripeServer.RecordedRequest;
import com.merchantbilling.support.FreePort;
import com.merchantbilling.support.TestTenants;

/**
 * Three app JVMs (the production main class) on one PostgreSQL behind a real nginx, with one fake Stripe.
 * <p>
 * This JVM's context only owns the database (embedded PostgreSQL) and makes the tenant; its own Stripe answers
 * every call 429 and it never resubmits, so every link is made by a node. A Chromium drives node 1 and node 2
 * directly (node 1 as {@code 127.0.0.1}, node 2 as {@code localhost}: cookies do not tell ports apart), the
 * webhook goes to node 3, and the sign-in check goes through nginx.
 * <p>
 * The nodes share a Stripe budget of {@link #RATE_LIMIT} calls per second; the fake Stripe enforces Stripe's
 * own test-mode limit ({@link #STRIPE_LIMIT}, answering 429 above it) and records every arrival, so the test
 * checks what the budget promises where Stripe counts: at most the configured rate in any one second.
 * Two scheduled jobs run every {@link #JOB_PERIOD} on each node, and ShedLock logs each lock it takes.
 */
@SpringBootTest(properties = {
        "stripe.secret-key=" + ClusterBrowserTests.SECRET_KEY,
        "stripe.max-attempts=1",
        "stripe.max-network-retries=0",
        "payments.links.resubmit-interval=1h",
        "payments.links.resubmit-older-than=1h",
        // this JVM shares the shedlock table: it must not be the one that runs the nodes' jobs
        "merchantbilling.event-publications.check-interval=1h"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterBrowserTests {

    static final String SECRET_KEY = "sk_test_cluster";
    static final String WEBHOOK_SECRET = "whsec_cluster_0123456789";
    static final String USER = "hana";
    static final String PASSWORD = "hana-cluster-pass";
    static final Duration START = Duration.ofSeconds(150);
    /** The nodes' configured budget, well below the fake's limit: the margin the product keeps. */
    static final int RATE_LIMIT = 10;
    /** Stripe's test-mode rate limit (https://docs.stripe.com/rate-limits), enforced by the fake. */
    static final int STRIPE_LIMIT = 25;
    static final Duration JOB_PERIOD = Duration.ofSeconds(2);
    static final List<String> JOBS = List.of("incomplete-link-requests", "event-publication-monitor");
    /** ShedLock's DefaultLockingTaskExecutor at DEBUG: one line per lock taken, one per run refused. */
    static final Pattern LOCKED = Pattern.compile("^(\\S+)\\s.*Locked '([^']+)', lock will be held", Pattern.MULTILINE);
    static final Pattern REFUSED = Pattern.compile("Not executing '([^']+)'\\. It's locked\\.");
    static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    static final FakeStripeServer stripe = FakeStripeServer.start(SECRET_KEY);
    /** This JVM's Stripe: never available, so this JVM creates nothing. */
    static final FakeStripeServer unavailable = FakeStripeServer.start(SECRET_KEY);

    @DynamicPropertySource
    static void unavailableStripe(DynamicPropertyRegistry registry) {
        unavailable.setFaults(FaultPlan.always(Fault.RATE_LIMITED_429));
        registry.add("stripe.api-base", unavailable::baseUrl);
    }

    @Autowired
    Organizations organizations;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    AddOnSubscriptions addOns;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;

    final List<AppProcess> nodes = new ArrayList<>();
    Nginx nginx;
    BrowserSession browser;
    OrganizationId organization;
    String node1Tab;
    String node2Tab;

    @BeforeAll
    void startCluster() {
        organization = TestTenants.organization(organizations, "Cluster Trading");
        organizations.addUser(organization, USER, "Hana", PASSWORD);
        addOns.subscribe(organization, AddOn.STRIPE_CREDIT_CARD_PAYMENT);

        var logs = Path.of("target", "cluster-test", Long.toString(System.currentTimeMillis()));
        var env = Map.of(
                "SPRING_DATASOURCE_URL", environment.getRequiredProperty("spring.datasource.url"),
                "SPRING_DATASOURCE_USERNAME", environment.getRequiredProperty("spring.datasource.username"),
                "SPRING_DATASOURCE_PASSWORD", environment.getProperty("spring.datasource.password", ""),
                "STRIPE_SECRET_KEY", stripe.secretKey(),
                "STRIPE_API_BASE", stripe.baseUrl(),
                "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET,
                "DB_POOL_SIZE", "5");
        var properties = new LinkedHashMap<String, String>();
        properties.put("spring.main.banner-mode", "off");
        // a killed node's link requests are taken over by the others after seconds, not minutes
        properties.put("payments.links.resubmit-older-than", "5s");
        properties.put("payments.links.resubmit-interval", "2s");
        // the lease of a link request being handled: longer than the last of 200 queued requests waits for its
        // slot (about 22 s at 10 per second), short enough that a killed node's requests move on within the test
        properties.put("payments.publications.stale-after", "30s");
        properties.put("payments.links.resolution.initial-backoff", "100ms");
        properties.put("payments.links.resolution.max-backoff", "1s");
        properties.put("stripe.rate-limit-per-second", Integer.toString(RATE_LIMIT));
        properties.put("merchantbilling.event-publications.check-interval", JOB_PERIOD.toSeconds() + "s");
        properties.put("logging.level.net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor", "DEBUG");
        stripe.setRateLimitPerSecond(STRIPE_LIMIT);
        for (int i = 1; i <= 3; i++) {
            nodes.add(new AppProcess(FreePort.find(), env, properties, logs.resolve("node-" + i)));
        }
        nodes.forEach(AppProcess::launch);
        nodes.forEach(node -> node.awaitReady(START));
        stripe.webhookTarget("http://127.0.0.1:" + node(3).port() + "/stripe/webhook", WEBHOOK_SECRET);
        nginx = Nginx.start(FreePort.find(), nodes.stream().map(AppProcess::port).toList(), logs.resolve("nginx"));
    }

    @AfterAll
    void stopCluster() {
        try {
            if (browser != null) {
                browser.close();
            }
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            nodes.forEach(AppProcess::kill);
            stripe.close();
            unavailable.close();
        }
    }

    @Test
    @Order(1)
    void signInThroughTheProxyWithForwardedHttpsWorksAndTheSessionCookieIsSecure() throws Exception {
        var https = signInThroughProxy(true);
        assertThat(https.statusCode()).isEqualTo(302);
        assertThat(https.headers().firstValue("Location").orElse(""))
                .as("redirected within the forwarded https origin, not to an error").doesNotStartWith("http:")
                .doesNotContain("error");
        assertThat(sessionCookie(https)).contains("Secure");

        // plain http through the same proxy (as the developer run on localhost): signed in, cookie not Secure
        var http = signInThroughProxy(false);
        assertThat(http.statusCode()).isEqualTo(302);
        assertThat(http.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(sessionCookie(http)).doesNotContain("Secure");
    }

    @Test
    @Order(2)
    void aGridOnNodeTwoShowsNodeOnesNewLinksAndAPaymentWhoseWebhookReachedNodeThree() {
        var ids = TestTenants.invoices(invoices, organization, "CL", 5, "JPY");
        browser = new BrowserSession(node(2).port());
        var driver = browser.driver();
        browser.signIn(USER, PASSWORD);
        var gridOnNode2 = browser.grid();
        browser.waiting().until(d -> count(browser.onlinePaymentStatuses(gridOnNode2), "Not Created") == 5);
        node2Tab = driver.getWindowHandle();

        driver.switchTo().newWindow(WindowType.TAB);
        node1Tab = driver.getWindowHandle();
        signIn("http://127.0.0.1:" + node(1).port(), USER, PASSWORD);
        createLinksForAllShown();
        browser.waiting().until(ExpectedConditions.textMatches(By.id("payment-links-result"), Pattern.compile(".*5.*")));
        assertThat(stripe.distinctLinksCreated()).isEqualTo(5);

        driver.switchTo().window(node2Tab);
        browser.waiting().until(d -> count(browser.onlinePaymentStatuses(browser.grid()), "Pending Payment") == 5);

        String linkId = jdbc.sql("select payment_link_id from invoices where id = :id")
                .param("id", ids.getFirst().value()).query(String.class).single();
        stripe.pay(linkId, "4242424242424242");
        browser.waiting().until(d -> count(browser.onlinePaymentStatuses(browser.grid()), "Paid") == 1);
        // node 3 is the only webhook target: the payment was recorded there
        assertThat(stripe.webhookDeliveries()).anySatisfy(delivery -> {
            assertThat(delivery.eventType()).isEqualTo("checkout.session.completed");
            assertThat(delivery.succeeded()).isTrue();
        });
        driver.switchTo().window(node1Tab);
    }

    /**
     * Two merchants, each signed in on a node of its own, start a bulk run of 100 links at about the same time.
     * Both runs share the cluster's budget: one link per invoice, none twice, and never more than the configured
     * rate arriving at Stripe in any one second (nor a single 429 from Stripe's limit).
     */
    @Test
    @Order(3)
    void twoMerchantsBulkRunsOnDifferentNodesMakeOneLinkPerInvoiceWithinTheConfiguredRate() {
        var first = merchant("Alpha Cluster", "aiko", "AA");
        var second = merchant("Beta Cluster", "bruno", "BB");
        var driver = browser.driver();

        driver.switchTo().window(node1Tab);
        signInAnew("http://127.0.0.1:" + node(1).port(), "aiko");
        driver.switchTo().window(node2Tab);
        signInAnew("http://localhost:" + node(2).port(), "bruno");
        driver.switchTo().window(node1Tab);
        createLinksForAllShown();
        driver.switchTo().window(node2Tab);
        createLinksForAllShown();

        var all = new ArrayList<>(first);
        all.addAll(second);
        Awaitility.await("both runs' 200 invoices Pending Payment").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> pending(all) == all.size());

        assertThat(all).allSatisfy(id -> {
            var links = stripe.linksForInvoice(Long.toString(id.value()));
            assertThat(links).as("links of invoice %s at Stripe", id).hasSize(1);
            assertThat(links.getFirst().active()).isTrue();
            assertThat(jdbc.sql("select payment_link_id from invoices where id = :id").param("id", id.value())
                    .query(String.class).single()).isEqualTo(links.getFirst().id());
        });
        var api = stripe.requests().stream().filter(RecordedRequest::isApi).toList();
        int busiestSecond = stripe.maxArrivalsInAnyWindow(api, Duration.ofSeconds(1));
        if (busiestSecond > RATE_LIMIT) {
            printBusiestSecond(api);
        }
        System.out.printf("cluster: %d API calls, at most %d in one second (configured %d), %d answered 429%n",
                api.size(), busiestSecond, RATE_LIMIT, stripe.rateLimitedResponses());
        assertThat(busiestSecond).as("API calls arriving at Stripe within any one second").isLessThanOrEqualTo(RATE_LIMIT);
        assertThat(stripe.rateLimitedResponses()).as("calls Stripe's limit refused").isZero();
    }

    /**
     * Every node schedules both jobs every period; ShedLock lets one of them run it. Each "Locked" line is a run:
     * across the three nodes' logs no two runs of one job are closer than a period (less the time from
     * taking the lock to writing its log line, allowed a quarter of a period: three nodes running it each period
     * would be a third of a period apart on average), and the others' refused attempts
     * are there too, so the nodes did try.
     */
    @Test
    @Order(4)
    void eachScheduledJobRanOncePerPeriodAcrossTheCluster() {
        var runs = new TreeMap<String, List<Instant>>();
        var refused = new TreeMap<String, Integer>();
        for (var node : nodes) {
            String log = node.log(1);
            var locked = LOCKED.matcher(log);
            while (locked.find()) {
                runs.computeIfAbsent(locked.group(2), job -> new ArrayList<>())
                        .add(OffsetDateTime.parse(locked.group(1)).toInstant());
            }
            var notRun = REFUSED.matcher(log);
            while (notRun.find()) {
                refused.merge(notRun.group(1), 1, Integer::sum);
            }
        }
        for (String job : JOBS) {
            var times = runs.getOrDefault(job, List.of()).stream().sorted().toList();
            assertThat(times).as("runs of %s", job).hasSizeGreaterThanOrEqualTo(5);
            var gaps = new ArrayList<Duration>();
            for (int i = 1; i < times.size(); i++) {
                gaps.add(Duration.between(times.get(i - 1), times.get(i)));
            }
            var shortest = gaps.stream().min(Duration::compareTo).orElseThrow();
            System.out.printf("cluster: job %s ran %d times in %s, shortest gap %d ms, %d refused attempts%n", job,
                    times.size(), Duration.between(times.getFirst(), times.getLast()), shortest.toMillis(),
                    refused.getOrDefault(job, 0));
            assertThat(shortest).as("shortest time between two runs of %s", job)
                    .isGreaterThanOrEqualTo(JOB_PERIOD.minus(JOB_PERIOD.dividedBy(4)));
            assertThat(refused.getOrDefault(job, 0)).as("attempts of %s the lock refused", job).isPositive();
        }
    }

    /**
     * RELIES ON HELPER H's staleness-based resubmission (phase 2, in parallel): without it the killed node's
     * requests may wait for a restart of that node and this test fails.
     */
    @Test
    @Order(5)
    void killingTheNodeThatRunsALinkRunLosesNothing() {
        var ids = TestTenants.invoices(invoices, organization, "KL", 40, "JPY");
        var driver = browser.driver();
        driver.switchTo().window(node1Tab);
        signInAnew("http://127.0.0.1:" + node(1).port(), USER);
        try (var hold = stripe.holdExecutions()) {
            createLinksForAllShown();
            Awaitility.await("node 1 in the middle of its run").atMost(Duration.ofSeconds(30))
                    .until(() -> hold.executing() >= 1);
            node(1).kill();
        }
        Awaitility.await("every invoice of the killed run Pending Payment, made by the other nodes")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> pending(ids) == ids.size());
        var activeByInvoice = stripe.paymentLinks().stream().filter(link -> link.active())
                .collect(Collectors.groupingBy(link -> link.metadata().get("merchant_billing_invoice"),
                        Collectors.counting()));
        assertThat(ids).allSatisfy(id -> assertThat(activeByInvoice.get(Long.toString(id.value())))
                .as("active links of invoice %s", id).isEqualTo(1L));
    }

    private AppProcess node(int number) {
        return nodes.get(number - 1);
    }

    private void signIn(String baseUrl, String user, String password) {
        var driver = browser.driver();
        driver.get(baseUrl + "/");
        browser.waiting().until(ExpectedConditions.urlContains("/login"));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-login-form input[name='username']"))).sendKeys(user);
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys(password);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
    }

    /** In the current tab, as another user of that host: its cookies (the session) dropped first. */
    private void signInAnew(String baseUrl, String user) {
        browser.driver().manage().deleteAllCookies();
        signIn(baseUrl, user, user.equals(USER) ? PASSWORD : user + "-cluster-pass");
        browser.waiting().until(d -> browser.onlinePaymentStatuses(browser.grid()).contains("Not Created"));
    }

    /** An organization with the add-on, a user and 100 invoices to link. */
    private List<InvoiceId> merchant(String name, String user, String prefix) {
        var merchant = TestTenants.organization(organizations, name);
        organizations.addUser(merchant, user, name, user + "-cluster-pass");
        addOns.subscribe(merchant, AddOn.STRIPE_CREDIT_CARD_PAYMENT);
        return TestTenants.invoices(invoices, merchant, prefix, 100, "JPY");
    }

    private static void printBusiestSecond(List<RecordedRequest> requests) {
        var sorted = requests.stream().sorted(java.util.Comparator.comparingLong(stripe::arrivalNanos)).toList();
        for (int start = 0, end = 0; end < sorted.size(); end++) {
            while (stripe.arrivalNanos(sorted.get(end)) - stripe.arrivalNanos(sorted.get(start)) >= 1_000_000_000L) {
                start++;
            }
            if (end - start + 1 > RATE_LIMIT) {
                long t0 = stripe.arrivalNanos(sorted.get(start));
                for (var request : sorted.subList(start, end + 1)) {
                    System.out.printf("cluster:   +%d ms %s %s%n", (stripe.arrivalNanos(request) - t0) / 1_000_000,
                            request.method(), request.path());
                }
                return;
            }
        }
    }

    private void createLinksForAllShown() {
        var driver = browser.driver();
        var grid = browser.grid();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(
                grid.findElement(By.cssSelector("vaadin-checkbox.vaadin-grid-select-all-checkbox")))).click();
        driver.findElement(By.cssSelector("#bulk-action vaadin-menu-bar-button")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("create-payment-link"))).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("create-payment-links"))).click();
    }

    private static long count(List<String> cells, String text) {
        return cells.stream().filter(text::equals).count();
    }

    private long pending(List<InvoiceId> ids) {
        return jdbc.sql("select count(*) from invoices where id in (:ids) and online_payment_status = 'PENDING_PAYMENT'")
                .param("ids", ids.stream().map(InvoiceId::value).toList()).query(Long.class).single();
    }

    /** GET /login, then POST it, as a browser on the proxy's origin; cookies kept by hand (Secure ones too). */
    private HttpResponse<String> signInThroughProxy(boolean forwardedHttps) throws Exception {
        var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        var login = URI.create("http://127.0.0.1:" + nginx.port() + "/login");
        var get = HttpRequest.newBuilder(login);
        if (forwardedHttps) {
            get.header("X-Forwarded-Proto", "https");
        }
        var page = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        var token = CSRF_META.matcher(page.body());
        assertThat(token.find()).isTrue();
        String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        assertThat(cookies).as("nginx's route cookie keeps both requests on one node").contains("mb_route=");
        String form = "username=" + URLEncoder.encode(USER, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1);
        var post = HttpRequest.newBuilder(login).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookies)
                .header("Origin", forwardedHttps ? "https://127.0.0.1" : "http://127.0.0.1:" + nginx.port())
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (forwardedHttps) {
            post.header("X-Forwarded-Proto", "https");
        }
        return http.send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no new session cookie at sign-in: "
                        + response.headers().map()));
    }
}
