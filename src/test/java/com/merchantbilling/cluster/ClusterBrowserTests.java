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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import com.merchantbilling.support.FreePort;
import com.merchantbilling.support.TestTenants;

/**
 * Three app JVMs (the production main class) on one PostgreSQL behind a real nginx, with one fake Stripe.
 * <p>
 * This JVM's context only owns the database (embedded PostgreSQL) and makes the tenant; its own Stripe answers
 * every call 429 and it never resubmits, so every link is made by a node. A Chromium drives node 1 and node 2
 * directly (node 1 as {@code 127.0.0.1}, node 2 as {@code localhost}: cookies do not tell ports apart), the
 * webhook goes to node 3, and the sign-in check goes through nginx.
 */
@SpringBootTest(properties = {
        "stripe.secret-key=" + ClusterBrowserTests.SECRET_KEY,
        "stripe.max-attempts=1",
        "stripe.max-network-retries=0",
        "payments.links.resubmit-interval=1h",
        "payments.links.resubmit-older-than=1h"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterBrowserTests {

    static final String SECRET_KEY = "sk_test_cluster";
    static final String WEBHOOK_SECRET = "whsec_cluster_0123456789";
    static final String USER = "hana";
    static final String PASSWORD = "hana-cluster-pass";
    static final Duration START = Duration.ofSeconds(150);
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
        // the lease after which a dead node's in-flight link requests are taken over (10 min in production)
        properties.put("payments.publications.stale-after", "5s");
        properties.put("payments.links.resolution.initial-backoff", "100ms");
        properties.put("payments.links.resolution.max-backoff", "1s");
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
        String node2Tab = driver.getWindowHandle();

        driver.switchTo().newWindow(WindowType.TAB);
        String node1Tab = driver.getWindowHandle();
        signIn("http://127.0.0.1:" + node(1).port());
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
     * The killed node's requests are in flight (PROCESSING) when it dies: the other nodes take them over once
     * their lease, payments.publications.stale-after, has run out (StalePublications), never while a live node
     * still works on them.
     */
    @Test
    @Order(3)
    void killingTheNodeThatRunsALinkRunLosesNothing() {
        var ids = TestTenants.invoices(invoices, organization, "KL", 40, "JPY");
        var driver = browser.driver();
        driver.navigate().refresh();
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

    private void signIn(String baseUrl) {
        var driver = browser.driver();
        driver.get(baseUrl + "/");
        browser.waiting().until(ExpectedConditions.urlContains("/login"));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-login-form input[name='username']"))).sendKeys(USER);
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
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
