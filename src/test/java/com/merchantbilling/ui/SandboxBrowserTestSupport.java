package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.OutputType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.BrowserSession;
import com.merchantbilling.support.FreeDefinedPort;

/**
 * The developer run as a merchant sees it: demo data and the built-in Stripe sandbox on the app's own
 * port. The sandbox builds its URLs from {@code server.port}, so the port is chosen up front
 * ({@link FreeDefinedPort}, one per context); the browser classes extending this share one application context,
 * except those that add a property of their own (BuyerEmailsBrowserTests turns on the mail catcher), which get a
 * context and a port of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "merchantbilling.demo-data.enabled=true")
@FreeDefinedPort
abstract class SandboxBrowserTestSupport {

    /** The viewports the screens tours shoot at: the common laptop screens 1280x720 and 1440x900. */
    static final List<List<Integer>> VIEWPORTS = List.of(List.of(1280, 720), List.of(1440, 900));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    BrowserSession browser;

    BrowserSession openBrowser() {
        browser = new BrowserSession(port);
        return browser;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** For the screens tours: the -Dscreens.dir directory, created if missing. */
    static Path screensDir() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("screens.dir")));
    }

    /** For the screens tours: the page sized to the viewport (width, height), Copilot hidden, laid out again. */
    static void resize(BrowserSession session, List<Integer> viewport) {
        session.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.get(0),
                "height", viewport.get(1), "deviceScaleFactor", 1, "mobile", false));
        session.js("document.querySelectorAll('copilot-main').forEach(c => c.style.display = 'none')");
        session.js("return new Promise(r => setTimeout(r, 700))");
    }

    /** For the screens tours: the page as name-language-WIDTHxHEIGHT.png in {@link #screensDir()}, at each of VIEWPORTS. */
    static void shootAtViewports(BrowserSession session, String name, String language) throws IOException {
        for (var viewport : VIEWPORTS) {
            resize(session, viewport);
            var file = screensDir().resolve("%s-%s-%dx%d.png".formatted(name, language, viewport.get(0), viewport.get(1)));
            Files.write(file, session.driver().getScreenshotAs(OutputType.BYTES));
            assertThat(file).isNotEmptyFile();
        }
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
