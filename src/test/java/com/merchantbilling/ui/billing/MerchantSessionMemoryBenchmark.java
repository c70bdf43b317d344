package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.support.Figures;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.UiLanguage;
import com.merchantbilling.support.Tenants;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.browserless.internal.SessionObjects;
import com.vaadin.browserless.internal.UIFactory;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.VaadinService;

/**
 * Heap per merchant session: 100 more browserless Vaadin sessions in this JVM, each signed in and showing
 * the Billing Invoices view with its first page of 100 rows loaded; heap used after a full GC with and
 * without them, divided by 100. Browserless sessions hold the server side a real session holds (UI, state
 * tree, components, the grid's data communicator), not Tomcat's HTTP session bookkeeping.
 */
@Tag("benchmark")
@SpringBootTest(properties = "vaadin.productionMode=true")
@Import(Tenants.class)
class MerchantSessionMemoryBenchmark extends SpringBrowserlessTest {

    static final int SESSIONS = 100;
    static final long TARGET_BYTES = 500 * 1024;

    @Autowired
    Tenants tenants;
    @Autowired
    BillingInvoices invoices;

    @AfterEach
    void signOut() {
        SignedIn.clear();
    }

    @Test
    void heapPerSessionWithAPageLoaded() {
        var organization = tenants.organization("Memory");
        tenants.invoices(organization, "MEM", 250, "JPY");
        SignedIn.as(organization, "memory-user");
        openBillingInvoices();
        var service = (com.vaadin.flow.server.VaadinServletService) VaadinService.getCurrent();
        UIFactory newUi = UI::new;

        long before = heapAfterGc();
        long rssBefore = rssKb();
        var histogramBefore = histogram();
        var sessions = new ArrayList<SessionObjects>();
        for (int i = 0; i < SESSIONS; i++) {
            var session = MockVaadin.createSessionObjects(service);
            MockVaadin.createUI(newUi, session.getSession());
            openBillingInvoices();
            sessions.add(session);
        }
        long after = heapAfterGc();
        long rssAfter = rssKb();
        printLargest(histogramBefore, histogram());

        assertThat(sessions).hasSize(SESSIONS).allSatisfy(s -> assertThat(s.getSession().getUIs()).hasSize(1));
        long perSession = (after - before) / SESSIONS;
        Figures.print("memory per merchant session (page of 100 loaded)", "%,d KB".formatted(perSession / 1024),
                "< 500 KB", perSession < TARGET_BYTES);
        Figures.note("heap after GC: %,d MB with 1 session, %,d MB with %d more; VmRSS %,d MB -> %,d MB"
                .formatted(before >> 20, after >> 20, SESSIONS, rssBefore >> 10, rssAfter >> 10));
    }

    @SuppressWarnings("unchecked")
    private void openBillingInvoices() {
        UiLanguage.english();
        navigate(BillingManagementView.class);
        Grid<BillingInvoice> grid = $view(Grid.class).id("billing-invoices-grid");
        // the first page as a browser would have it: rows fetched and rendered by the data communicator
        assertThat(test(grid).size()).isEqualTo(100);
        assertThat(test(grid).getRow(99)).isNotNull();
        assertThat($view(Span.class).id("pager-status").getText()).isEqualTo("Page 1 of 3");
    }

    /** Where the bytes go: the classes that grew most, per session (a class histogram diff). */
    private static void printLargest(java.util.Map<String, long[]> before, java.util.Map<String, long[]> after) {
        Figures.note("largest growth per session (class: instances, bytes):");
        after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), new long[] {
                        e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1] }))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(20)
                .forEach(e -> Figures.note("    %-70s %8.1f %,9d B".formatted(e.getKey(),
                        e.getValue()[0] / (double) SESSIONS, e.getValue()[1] / SESSIONS)));
    }

    private static java.util.Map<String, long[]> histogram() {
        try {
            var text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] { null }, new String[] { String[].class.getName() });
            var result = new java.util.HashMap<String, long[]>();
            for (var line : text.split("\n")) {
                var parts = line.trim().split("\\s+");
                if (parts.length >= 4 && parts[0].endsWith(":")) {
                    result.put(parts[3], new long[] { Long.parseLong(parts[1]), Long.parseLong(parts[2]) });
                }
            }
            return result;
        } catch (javax.management.JMException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long rssKb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0L);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
