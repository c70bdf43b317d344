package com.merchantbilling.ui;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.BrowserSession;
import com.merchantbilling.support.FreePort;

/**
 * The developer run as a merchant sees it: demo data and the built-in Stripe sandbox on the app's own
 * port. The sandbox builds its URLs from {@code server.port}, so the port is chosen up front; all browser
 * classes extending this share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "merchantbilling.demo-data.enabled=true")
abstract class SandboxBrowserTestSupport {

    static final int PORT = FreePort.find();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Autowired
    JdbcClient jdbc;

    BrowserSession browser;

    BrowserSession openBrowser() {
        browser = new BrowserSession(PORT);
        return browser;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** For the screens tours: the -Dscreens.dir directory, created if missing. */
    static java.nio.file.Path screensDir() throws java.io.IOException {
        return java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("screens.dir")));
    }

    /** For the screens tours: a browser signed in as the demo user, on the Billing Invoices grid. */
    void openSignedIn(String user, String password) {
        openBrowser();
        browser.signIn(user, password);
        browser.grid();
    }

    /** The demo organization that owns the invoices numbered with the prefix (ST- is Sakura Trading). */
    OrganizationId demoOrganization(String invoicePrefix) {
        return new OrganizationId(jdbc.sql("select organization_id from invoices where invoice_number like :p limit 1")
                .param("p", invoicePrefix + "%").query(Long.class).single());
    }
}
