package com.merchantbilling.ui.billing;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * The Billing Invoices tab: the organization's invoices, 100 to a page, loaded lazily from the database
 * one page at a time, sortable and filterable.
 */
public class BillingInvoicesTab extends VerticalLayout {

    public static final int PAGE_SIZE = 100;

    private final OrganizationId organization;
    private final BillingInvoices invoices;
    private final Grid<BillingInvoice> grid = new Grid<>();
    private final TextField filter = new TextField();
    private final Button previous = new Button("Previous", VaadinIcon.ANGLE_LEFT.create());
    private final Button next = new Button("Next", VaadinIcon.ANGLE_RIGHT.create());
    private final Span pageStatus = new Span();
    private final Span totalStatus = new Span();

    private int page;
    private long total;

    public BillingInvoicesTab(OrganizationId organization, BillingInvoices invoices) {
        this.organization = organization;
        this.invoices = invoices;
        setSizeFull();
        setPadding(false);

        filter.setPlaceholder("Filter by buyer or invoice number");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setWidth("22em");
        filter.setId("invoice-filter");
        filter.addValueChangeListener(change -> showPage(0));

        configureGrid();

        previous.setId("pager-previous");
        next.setId("pager-next");
        next.setIconAfterText(true);
        previous.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        next.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        previous.addClickListener(click -> showPage(page - 1));
        next.addClickListener(click -> showPage(page + 1));
        pageStatus.setId("pager-status");
        totalStatus.setId("pager-total");
        var pager = new HorizontalLayout(previous, pageStatus, next, totalStatus);
        pager.setAlignItems(FlexComponent.Alignment.BASELINE);
        pager.addClassName("pager");

        var toolbar = new HorizontalLayout(filter);
        toolbar.setWidthFull();
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(toolbar, grid, pager);
        expand(grid);
        showPage(0);
    }

    private void configureGrid() {
        grid.setId("billing-invoices-grid");
        grid.setPageSize(PAGE_SIZE);
        grid.setMultiSort(false);
        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.US);
        grid.addColumn(BillingInvoice::invoiceNumber).setHeader("Invoice Number").setKey("invoiceNumber")
                .setSortProperty(InvoiceSort.Field.INVOICE_NUMBER.name()).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(BillingInvoice::buyerName).setHeader("Buyer").setKey("buyer")
                .setSortProperty(InvoiceSort.Field.BUYER.name()).setFlexGrow(1);
        grid.addColumn(invoice -> dates.format(invoice.issueDate())).setHeader("Issue Date").setKey("issueDate")
                .setSortProperty(InvoiceSort.Field.ISSUE_DATE.name()).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(invoice -> dates.format(invoice.dueDate())).setHeader("Due Date").setKey("dueDate")
                .setSortProperty(InvoiceSort.Field.DUE_DATE.name()).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(invoice -> invoice.billingAmount().format(Locale.US)).setHeader("Billing Amount")
                .setKey("billingAmount").setSortProperty(InvoiceSort.Field.BILLING_AMOUNT.name())
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(BillingInvoicesTab::onlinePayment).setHeader("Online Payment")
                .setKey("onlinePayment").setAutoWidth(true).setFlexGrow(0);

        grid.setItems(this::fetch, query -> rowsOnPage());
        grid.addSortListener(sort -> showPage(0));
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("issueDate"), SortDirection.DESCENDING)));
    }

    private static Component onlinePayment(BillingInvoice invoice) {
        var status = new Span(invoice.onlinePayment().label());
        status.addClassNames("online-payment", "online-payment-" + invoice.onlinePayment().name().toLowerCase(Locale.ROOT));
        invoice.paymentLinkFailure().ifPresent(status::setTitle);
        return status;
    }

    private Stream<BillingInvoice> fetch(Query<BillingInvoice, Void> query) {
        long offset = (long) page * PAGE_SIZE + query.getOffset();
        return invoices.page(organization, filter.getValue(), sortOf(query), offset, query.getLimit()).stream();
    }

    private int rowsOnPage() {
        return (int) Math.max(0, Math.min(PAGE_SIZE, total - (long) page * PAGE_SIZE));
    }

    private static InvoiceSort sortOf(Query<BillingInvoice, Void> query) {
        return query.getSortOrders().stream()
                .findFirst()
                .map(order -> new InvoiceSort(InvoiceSort.Field.valueOf(order.getSorted()),
                        order.getDirection() == SortDirection.DESCENDING))
                .orElse(InvoiceSort.DEFAULT);
    }

    /** Shows the given page (clamped to the pages there are) with a fresh total. */
    public void showPage(int requested) {
        total = invoices.count(organization, filter.getValue());
        int pages = pageCount();
        page = Math.clamp(requested, 0, pages - 1);
        pageStatus.setText("Page " + (page + 1) + " of " + pages);
        totalStatus.setText(total == 1 ? "1 invoice" : total + " invoices");
        previous.setEnabled(page > 0);
        next.setEnabled(page < pages - 1);
        grid.getDataProvider().refreshAll();
    }

    public int currentPage() {
        return page;
    }

    public int pageCount() {
        return (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    Grid<BillingInvoice> grid() {
        return grid;
    }
}
