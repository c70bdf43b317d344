package com.merchantbilling.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.merchantbilling.support.TestHttp;
import com.merchantbilling.MerchantBillingApplication;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.Tenants;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;

/**
 * The app over real HTTP with the Stripe sandbox off: what an anonymous visitor can reach, session fixation,
 * CSRF, password storage, and that neither Stripe secret ever reaches the log (captured from the context's
 * start on, through link creation, a paid webhook and refused ones, at DEBUG).
 */
@ExtendWith(OutputCaptureExtension.class)
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // recognisable secrets of its own (they win over @FakeStripe's), to look for in the log
        "stripe.secret-key=" + SecurityReviewIntegrationTests.SECRET_KEY,
        "stripe.webhook-secret=" + SecurityReviewIntegrationTests.WEBHOOK_SECRET,
        "logging.level.com.merchantbilling=DEBUG",
        "logging.level.org.springframework.security=DEBUG",
        "logging.level.com.stripe=DEBUG"})
class SecurityReviewIntegrationTests {

    static final String SECRET_KEY = "sk_test_SECRETKEYsecurityReview7Qx9";
    static final String WEBHOOK_SECRET = "whsec_WEBHOOKSECRETsecurityReview3Zk2";
    static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    FakeStripeServer stripe;
    @Autowired
    ApplicationContext context;
    @Autowired
    Organizations organizations;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcClient jdbc;

    /**
     * Reachable without signing in; everything else must send the visitor to /login or refuse. Health is
     * public for load balancers and monitors, with its status only (asserted below). An invitation's page is
     * public: its one-time token is the secret, and an unknown one shows only that it is invalid.
     */
    static boolean isPublic(String method, String path) {
        return (method.equals("GET") && (path.equals("/login") || path.equals("/styles.css")
                || path.startsWith("/invitation/")
                || path.equals("/favicon.ico") || path.startsWith("/images/") || path.equals("/actuator/health")))
                // the webhook endpoints: Stripe signs, it cannot sign in (the Connect one has its own secret)
                || (method.equals("POST") && (path.equals("/stripe/webhook") || path.equals("/stripe/webhook/connect")));
    }

    @Test
    void anonymousVisitorsReachOnlyTheSignInPageStaticResourcesAndTheWebhook() {
        var targets = new TreeSet<String>();
        for (String route : vaadinRoutes()) {
            targets.add("GET /" + route);
        }
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> {
                    var methods = info.getMethodsCondition().getMethods();
                    for (String pattern : info.getPatternValues()) {
                        String path = pattern.replaceAll("\\{[^}]+}", "x");
                        if (methods.isEmpty()) {
                            targets.add("GET " + path);
                            targets.add("POST " + path);
                        }
                        methods.stream().map(RequestMethod::name).forEach(method -> targets.add(method + " " + path));
                    }
                }));
        targets.addAll(List.of("GET /actuator", "GET /actuator/health", "GET /actuator/env", "GET /actuator/heapdump",
                "GET /stripe-sandbox/v1/payment_links", "POST /stripe-sandbox/v1/payment_links",
                // the webhook's servlet is no MVC handler: its paths are listed by hand
                "POST /stripe/webhook", "POST /stripe/webhook/connect",
                "GET /stripe/webhook", "PUT /stripe/webhook", "DELETE /stripe/webhook", "GET /h2-console",
                "GET /error", "GET /styles.css", "GET /favicon.ico", "GET /" + UUID.randomUUID(), "POST /" + UUID.randomUUID(),
                "GET /billing-management/" + UUID.randomUUID(), "GET /login/../billing-management",
                "GET /%2e%2e/billing-management", "GET /billing-management;jsessionid=x"));
        assertThat(targets).contains("GET /billing-management", "GET /", "GET /login", "POST /stripe/webhook");

        var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        var report = new ArrayList<String>();
        var leaks = new ArrayList<String>();
        for (String target : targets) {
            String method = target.substring(0, target.indexOf(' '));
            String path = target.substring(target.indexOf(' ') + 1);
            var response = send(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json").build());
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse("");
            assertThat(location).as("session id in a URL").doesNotContainIgnoringCase("jsessionid");
            report.add(target + " -> " + status + (location.isEmpty() ? "" : " " + location));
            boolean refused = (status == 302 && location.endsWith("/login")) || status == 401 || status == 403
                    || status == 404 || status == 400;
            if (isPublic(method, path)) {
                if (path.equals("/actuator/health")) {
                    assertThat(response.body()).as("anonymous health shows no details")
                            .contains("\"status\"").doesNotContain("components", "stripe", "db");
                }
                continue;
            }
            if (!refused) {
                leaks.add(target + " -> " + status + " " + location);
            }
        }
        System.out.println("[security] anonymous walk of " + targets.size() + " targets:\n  "
                + String.join("\n  ", report));
        assertThat(leaks).as("reachable without signing in").isEmpty();
        // and the public ones are really there
        assertThat(report).contains("GET /login -> 200", "GET /favicon.ico -> 200");
    }

    @Test
    void theFaviconIsAnImageForAnonymousVisitors() throws Exception {
        var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/favicon.ico"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("image/"));
        // an ICO file: reserved 0, type 1 (icon), at least one image
        assertThat(response.body()).startsWith(new byte[] {0, 0, 1, 0}).hasSizeGreaterThan(22);
    }

    @Test
    void signingInChangesTheSessionIdAndPostsWithoutTokenAreRefused() {
        var organization = tenants.organization("Security");
        String username = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        organizations.addUser(organization, username, "Security Reviewer", "correct horse battery");
        var cookies = new CookieManager();
        var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies).build();

        var loginPage = send(http, get("/login"));
        assertThat(loginPage.statusCode()).isEqualTo(200);
        String before = sessionId(cookies);
        var csrf = CSRF_META.matcher(loginPage.body());
        assertThat(csrf.find()).as("CSRF token on the sign-in page").isTrue();
        String token = csrf.group(1);

        var signedIn = send(http, form("/login", Map.of("username", username, "password", "correct horse battery",
                "_csrf", token)));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String after = sessionId(cookies);
        assertThat(before).isNotNull();
        assertThat(after).as("session id after sign-in").isNotNull().isNotEqualTo(before);
        assertThat(send(http, get("/billing-management")).statusCode()).isEqualTo(200);

        // a state-changing POST without the token, signed in: refused, and the session stays signed in
        var logoutWithoutToken = send(http, form("/logout", Map.of()));
        assertThat(logoutWithoutToken.statusCode()).isEqualTo(403);
        assertThat(send(http, get("/billing-management")).statusCode()).isEqualTo(200);

        var hash = jdbc.sql("select password_hash from users where username = :u").param("u", username)
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("correct horse battery");
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefused() {
        var organization = tenants.organization("LoginCsrf");
        String username = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
        organizations.addUser(organization, username, "Login CSRF", "correct horse battery");
        var credentials = Map.of("username", username, "password", "correct horse battery");

        // a foreign page auto-submitting a form: the browser names that page's origin
        var foreign = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager()).build();
        var fromAnotherSite = send(foreign, withOrigin(form("/login", credentials), "http://evil.example"));
        assertThat(fromAnotherSite.statusCode()).isEqualTo(403);
        assertThat(fromAnotherSite.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));

        // the same post from our own page signs in
        var own = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager()).build();
        var fromOurPage = send(own, withOrigin(form("/login", credentials), "http://127.0.0.1:" + port));
        assertThat(fromOurPage.statusCode()).isEqualTo(302);
        assertThat(fromOurPage.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    private static HttpRequest withOrigin(HttpRequest request, String origin) {
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Origin", origin).build();
    }

    @Test
    void neitherStripeSecretEverReachesTheLog(CapturedOutput output) {
        assertThat(stripe.secretKey()).as("the key the app uses and the fake Stripe accepts").isEqualTo(SECRET_KEY);
        stripe.webhookTarget("http://127.0.0.1:" + port + "/stripe/webhook", WEBHOOK_SECRET);
        var organization = tenants.subscribed("Secrets");
        var ids = tenants.invoices(organization, "SEC", 2, "USD");

        tenants.requestLinks(organization, ids, "aiko");
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> tenants.all(organization, ids, OnlinePaymentStatus.PENDING_PAYMENT));
        String link = jdbc.sql("select payment_link_id from invoices where id = :id")
                .param("id", ids.getFirst().value()).query(String.class).single();
        assertThat(stripe.pay(link, "4242 4242 4242 4242").toString()).isNotBlank();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> tenants.all(organization, ids.subList(0, 1), OnlinePaymentStatus.PAID));
        // refusals log a line each: a wrong signature and a wrong API key
        var payload = StripeEvents.completed(new StripeEvents.CheckoutSession(link, 1000, "usd"));
        var http = HttpClient.newHttpClient();
        assertThat(send(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stripe/webhook"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", StripeEvents.signature(payload, "whsec_wrong"))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build()).statusCode()).isEqualTo(400);

        assertThat(output.getAll()).as("the flow was logged at all, from the start-up on")
                .contains("Stripe client: StripeProperties").contains("Checkout Session")
                .contains("Stripe webhook refused");
        assertThat(output.getAll()).doesNotContain(SECRET_KEY).doesNotContain(WEBHOOK_SECRET)
                .doesNotContain(SECRET_KEY.substring(8)).doesNotContain(WEBHOOK_SECRET.substring(6));
        System.out.println("[security] captured " + output.getAll().lines().count()
                + " log lines through start-up, 2 links, a paid webhook and a refused one: no secret in them");
    }

    private static List<String> vaadinRoutes() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        return scanner.findCandidateComponents(MerchantBillingApplication.class.getPackageName()).stream()
                .map(bean -> {
                    try {
                        return Class.forName(bean.getBeanClassName());
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .flatMap(type -> {
                    var paths = new ArrayList<String>();
                    paths.add(type.getAnnotation(Route.class).value());
                    for (RouteAlias alias : type.getAnnotationsByType(RouteAlias.class)) {
                        paths.add(alias.value());
                    }
                    return paths.stream();
                })
                .collect(Collectors.toList());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    }

    private HttpRequest form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String sessionId(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        return TestHttp.send(http, request);
    }
}
