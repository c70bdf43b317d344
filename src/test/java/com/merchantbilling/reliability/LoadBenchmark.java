package com.merchantbilling.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.Tenants;

/**
 * Load script, not part of the default run: {@code ./mvnw test -Dtest=LoadBenchmark -Dgroups=load -DexcludedGroups=}
 * (duration: {@code -Dload.duration=60s}).
 * <p>
 * 50 signed-in sessions, each a plain HTTP client with its own cookies: sign in through the form (with the
 * CSRF token from the sign-in page), then, in a closed loop, GET the Billing Management page (security
 * chain, session, Vaadin's bootstrap page). Vaadin builds the view and runs the grid's queries only on the
 * browser's following UIDL request, which needs Vaadin's client protocol and is not driven here: this
 * measures the signed-in page serving under webhook load, not the grid queries (those are covered by the
 * benchmarks of the invoicing module). Meanwhile 200 signed Stripe webhooks a
 * second, each a new event, are stored and processed after the response. Everything runs on loopback in
 * this JVM, so the heap figure includes the load generator.
 */
@Tag("load")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stripe.secret-key=sk_test_load",
        "stripe.webhook-secret=" + LoadBenchmark.WEBHOOK_SECRET,
        "stripe.api-base=http://127.0.0.1:9",
        "logging.level.com.merchantbilling.payments.internal.checkout=WARN",
        "logging.level.com.merchantbilling.payments.internal.webhook=WARN"})
@Import(Tenants.class)
class LoadBenchmark {

    static final String WEBHOOK_SECRET = "whsec_load_test";
    static final int SESSIONS = 50;
    static final int WEBHOOKS_PER_SECOND = 200;
    static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    Organizations organizations;
    @Autowired
    Tenants tenants;

    final ConcurrentLinkedQueue<Long> pageNanos = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> webhookNanos = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

    @Test
    void fiftySessionsAndTwoHundredWebhooksASecond() throws Exception {
        Duration duration = Duration.parse("PT" + System.getProperty("load.duration", "60s").toUpperCase());
        var organization = tenants.subscribed("Load");
        tenants.invoices(organization, "L", 260, "JPY");
        var users = new ArrayList<String>();
        for (int i = 0; i < SESSIONS; i++) {
            String username = "load-" + i + "-" + System.nanoTime();
            organizations.addUser(organization, username, "Load " + i, "load-password-" + i);
            users.add(username);
        }
        var clients = new ArrayList<HttpClient>();
        for (int i = 0; i < SESSIONS; i++) {
            clients.add(signIn(users.get(i), "load-password-" + i));
        }

        var heap = ManagementFactory.getMemoryMXBean();
        var peakHeap = new AtomicLong();
        var webhooksSent = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        var webhookClient = HttpClient.newHttpClient();
        try (var webhooks = Executors.newVirtualThreadPerTaskExecutor()) {
            try (var sessions = Executors.newVirtualThreadPerTaskExecutor();
                    var clock = Executors.newScheduledThreadPool(2)) {
                clock.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(),
                        Math::max), 0, 100, TimeUnit.MILLISECONDS);
                clock.scheduleAtFixedRate(() -> {
                    if (System.nanoTime() < end) {
                        webhooksSent.incrementAndGet();
                        webhooks.execute(() -> deliverWebhook(webhookClient));
                    }
                }, 0, 1_000_000 / WEBHOOKS_PER_SECOND, TimeUnit.MICROSECONDS);
                for (var client : clients) {
                    sessions.execute(() -> {
                        while (System.nanoTime() < end) {
                            loadBillingManagement(client);
                        }
                    });
                }
                // closing the sessions' executor waits for their loops, which end with the duration
                sessions.shutdown();
                sessions.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
                clock.shutdownNow();
            }
        }

        System.out.printf("""
                [load] %s, %d sessions, %d webhooks/s target
                [load] page views (signed-in GET /billing-management): %d, p50 %.1f ms, p99 %.1f ms
                [load] webhooks: %d sent, %d answered, p50 %.1f ms, p99 %.1f ms
                [load] errors: %d %s
                [load] peak heap used %d MiB (sampled every 100 ms), process VmHWM %s%n""",
                duration, SESSIONS, WEBHOOKS_PER_SECOND, pageNanos.size(), percentile(pageNanos, 50),
                percentile(pageNanos, 99), webhooksSent.get(), webhookNanos.size(), percentile(webhookNanos, 50),
                percentile(webhookNanos, 99), errors.size(), errors.stream().limit(5).toList(),
                peakHeap.get() / (1024 * 1024), vmHwm());
        assertThat(errors).isEmpty();
        assertThat(pageNanos).isNotEmpty();
        assertThat(webhookNanos).hasSize((int) webhooksSent.get());
    }

    private HttpClient signIn(String username, String password) {
        var client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        var login = send(client, HttpRequest.newBuilder(uri("/login")).build());
        var token = CSRF_META.matcher(login.body());
        assertThat(token.find()).isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1);
        var signedIn = send(client, HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return client;
    }

    private void loadBillingManagement(HttpClient client) {
        long started = System.nanoTime();
        try {
            var page = client.send(HttpRequest.newBuilder(uri("/billing-management")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // 200, not a redirect to /login: the session is signed in and the page was served
            if (page.statusCode() != 200) {
                errors.add("page " + page.statusCode() + " " + page.body().substring(0, Math.min(200,
                        page.body().length())));
                return;
            }
            pageNanos.add(System.nanoTime() - started);
        } catch (Exception e) {
            errors.add("page " + e);
        }
    }

    private void deliverWebhook(HttpClient client) {
        // a completed session for a link that is not ours: stored, processed after the response, ignored
        var session = new StripeEvents.CheckoutSession("plink_load_" + System.nanoTime(), 1000, "jpy");
        String payload = StripeEvents.completed(session);
        long started = System.nanoTime();
        try {
            var response = client.send(HttpRequest.newBuilder(uri("/stripe/webhook"))
                    .header("Content-Type", "application/json")
                    .header("Stripe-Signature", StripeEvents.signature(payload, WEBHOOK_SECRET))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            webhookNanos.add(System.nanoTime() - started);
            if (response.statusCode() != 200) {
                errors.add("webhook " + response.statusCode() + " " + response.body());
            }
        } catch (Exception e) {
            webhookNanos.add(System.nanoTime() - started);
            errors.add("webhook " + e);
        }
    }

    private static double percentile(ConcurrentLinkedQueue<Long> nanos, int percentile) {
        var sorted = new ArrayList<>(nanos);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }

    private static String vmHwm() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("n/a");
        } catch (Exception e) {
            return "n/a";
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
