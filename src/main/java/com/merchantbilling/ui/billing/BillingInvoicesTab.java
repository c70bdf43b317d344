package com.merchantbilling.ui.billing;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaidDetails;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.PaymentReconciliation;
import com.merchantbilling.payments.PaymentReconciliationException;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridMultiSelectionModel;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;

/**
 * The Billing Invoices tab: the organization's invoices, 100 to a page, loaded lazily from the database
 * one page at a time, sortable and filterable; up to 100 selected invoices (across pages) get online
 * payment links through the Bulk Action menu.
 */
public class BillingInvoicesTab extends VerticalLayout {

    public static final int PAGE_SIZE = 100;
    public static final int MAX_SELECTION = PaymentLinkRequests.MAX_INVOICES;

    private final OrganizationId organization;
    private final MerchantUser user;
    private final BillingInvoices invoices;
    private final PaymentLinkRequests linkRequests;
    private final OnlinePaymentUpdates updates;
    private final PaymentReconciliation reconciliation;
    private final Grid<BillingInvoice> grid = new Grid<>();
    private final CallbackDataProvider<BillingInvoice, Void> dataProvider;
    private final TextField filter = new TextField();
    private final Button previous = new Button("Previous", VaadinIcon.ANGLE_LEFT.create());
    private final Button next = new Button("Next", VaadinIcon.ANGLE_RIGHT.create());
    private final Span pageStatus = new Span();
    private final Span totalStatus = new Span();
    private final Span selectionStatus = new Span();
    private final Button removeSelections = new Button("Remove All Selections");

    private final HorizontalLayout toolbar;
    private int page;
    private long total;
    private InvoiceSort sort = InvoiceSort.DEFAULT;
    /** The current page's rows, and the filter and sort they were read with: the seek for Next and Previous. */
    private List<BillingInvoice> rows = new ArrayList<>();
    private String rowsFilter;
    private InvoiceSort rowsSort;
    private boolean revertingSelection;
    private Registration updateRegistration;

    public BillingInvoicesTab(MerchantUser user, boolean addOnActive, BillingInvoices invoices,
            PaymentLinkRequests linkRequests, OnlinePaymentUpdates updates, PaymentReconciliation reconciliation) {
        this.reconciliation = reconciliation;
        this.user = user;
        this.organization = user.organizationId();
        this.invoices = invoices;
        this.linkRequests = linkRequests;
        this.updates = updates;
        // rows are identified by invoice id, so a row whose status changed is still the selected row
        this.dataProvider = new CallbackDataProvider<>(this::fetch, query -> rows.size(), BillingInvoice::id);
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

        selectionStatus.setId("selection-status");
        removeSelections.setId("remove-all-selections");
        removeSelections.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        removeSelections.addClickListener(click -> grid.asMultiSelect().deselectAll());

        toolbar = new HorizontalLayout(filter, selectionStatus, removeSelections);
        toolbar.setWidthFull();
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.expand(selectionStatus);
        if (addOnActive) {
            toolbar.add(bulkActions());
        } else {
            var notice = new Span("Online payment links need the " + AddOn.STRIPE_CREDIT_CARD_PAYMENT.label() + ".");
            notice.setId("add-on-notice");
            notice.addClassName("add-on-notice");
            toolbar.add(notice);
        }
        add(toolbar, grid, pager);
        expand(grid);
        updateSelectionStatus();
        showPage(0);
    }

    private MenuBar bulkActions() {
        var menu = new MenuBar();
        menu.setId("bulk-action");
        menu.addThemeVariants(MenuBarVariant.LUMO_DROPDOWN_INDICATORS);
        var bulkAction = menu.addItem("Bulk Action");
        bulkAction.getSubMenu().addItem("Create Payment Link", click -> openCreatePaymentLinks())
                .setId("create-payment-link");
        return menu;
    }

    private void openCreatePaymentLinks() {
        var selection = selectedIds();
        if (selection.isEmpty()) {
            warn("Select the invoices that should get a payment link first.");
            return;
        }
        new CreatePaymentLinksDialog(organization, user.getUsername(), selection, linkRequests, invoices, updates,
                this::refreshRows).open();
    }

    private void configureGrid() {
        grid.setId("billing-invoices-grid");
        grid.setPageSize(PAGE_SIZE);
        grid.setMultiSort(false);
        var selectionModel = (GridMultiSelectionModel<BillingInvoice>) grid.setSelectionMode(Grid.SelectionMode.MULTI);
        // the header checkbox selects the invoices of the current page: the data provider is page-scoped
        selectionModel.setSelectAllCheckboxVisibility(GridMultiSelectionModel.SelectAllCheckboxVisibility.VISIBLE);
        selectionModel.setSelectionColumnFrozen(true);
        grid.asMultiSelect().addSelectionListener(event -> {
            if (revertingSelection) {
                return;
            }
            if (event.getAllSelectedItems().size() > MAX_SELECTION) {
                revertingSelection = true;
                try {
                    grid.asMultiSelect().deselect(event.getAddedSelection());
                } finally {
                    revertingSelection = false;
                }
                warn("At most " + MAX_SELECTION + " invoices can be selected at once; "
                        + event.getAddedSelection().size() + " more would make "
                        + event.getAllSelectedItems().size() + ".");
            }
            updateSelectionStatus();
        });

        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.US);
        grid.addColumn(BillingInvoice::invoiceNumber).setHeader("Invoice Number").setKey("invoiceNumber")
                .setSortProperty(InvoiceSort.Field.INVOICE_NUMBER.name()).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(BillingInvoice::buyerName).setHeader("Buyer").setKey("buyer")
                .setSortProperty(InvoiceSort.Field.BUYER.name()).setFlexGrow(1).setWidth("12em");
        grid.addColumn(invoice -> dates.format(invoice.issueDate())).setHeader("Issue Date").setKey("issueDate")
                .setSortProperty(InvoiceSort.Field.ISSUE_DATE.name()).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(invoice -> dates.format(invoice.dueDate())).setHeader("Due Date").setKey("dueDate")
                .setSortProperty(InvoiceSort.Field.DUE_DATE.name()).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(invoice -> invoice.billingAmount().format(Locale.US)).setHeader("Billing Amount")
                .setKey("billingAmount").setSortProperty(InvoiceSort.Field.BILLING_AMOUNT.name())
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        // fixed width: auto width is measured on the first page, before any row shows a copy button
        grid.addColumn(onlinePaymentRenderer()).setHeader("Online Payment").setKey("onlinePayment")
                .setWidth("22em").setFlexGrow(0);

        grid.setItems(dataProvider);
        grid.addSortListener(event -> {
            sort = event.getSortOrder().stream().findFirst()
                    .flatMap(order -> order.getSorted().getSortOrder(order.getDirection()).findFirst())
                    .map(order -> new InvoiceSort(InvoiceSort.Field.valueOf(order.getSorted()),
                            order.getDirection() == SortDirection.DESCENDING))
                    .orElse(InvoiceSort.DEFAULT);
            showPage(0);
        });
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("issueDate"), SortDirection.DESCENDING)));
    }

    /**
     * Status text, and for a created link a button that copies its URL in the browser itself: the
     * clipboard accepts writes only during the user's click, which a server round trip would outlive.
     */
    private LitRenderer<BillingInvoice> onlinePaymentRenderer() {
        return LitRenderer.<BillingInvoice>of("""
                        <span class="online-payment online-payment-${item.statusClass}" title="${item.detail}">${item.status}</span>
                        <span class="payment-attention" ?hidden="${!item.attention}" title="${item.detail}">Check amount</span>
                        <vaadin-button theme="tertiary-inline small" class="copy-payment-link" ?hidden="${!item.url}"
                            title="Copy Payment Link URL" data-url="${item.url}"
                            @click="${e => { e.stopPropagation(); navigator.clipboard.writeText(item.url).then(() => copied(), () => copyFailed()); }}"
                            >Copy Payment Link URL</vaadin-button>
                        <vaadin-button theme="tertiary-inline small" class="check-payment" ?hidden="${!item.pending}"
                            title="Ask Stripe whether this invoice was paid" @click="${e => { e.stopPropagation(); checkPayment(); }}"
                            >Check Payment</vaadin-button>""")
                .withProperty("status", invoice -> invoice.onlinePayment().label())
                .withProperty("statusClass", invoice -> invoice.onlinePayment().name().toLowerCase(Locale.ROOT))
                .withProperty("detail", BillingInvoicesTab::statusDetail)
                .withProperty("attention", invoice -> invoice.paid().map(PaidDetails::needsAttention).orElse(false))
                .withProperty("pending", invoice -> invoice.onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT)
                .withFunction("checkPayment", this::checkPayment)
                .withProperty("url", invoice -> invoice.paymentLinkUrl().orElse(""))
                .withFunction("copied", invoice -> notify("Payment link URL of " + invoice.invoiceNumber()
                        + " copied to the clipboard.", NotificationVariant.LUMO_SUCCESS))
                .withFunction("copyFailed", invoice -> notify("The browser did not allow copying. The payment link "
                        + "URL of " + invoice.invoiceNumber() + " is " + invoice.paymentLinkUrl().orElse(""),
                        NotificationVariant.LUMO_WARNING));
    }

    private static String statusDetail(BillingInvoice invoice) {
        if (invoice.paymentLinkFailure().isPresent()) {
            return invoice.paymentLinkFailure().get();
        }
        return invoice.paid().map(paid -> "Paid " + paid.paidAmount().format(Locale.US) + " on "
                + DateTimeFormatter.ISO_LOCAL_DATE.format(paid.paidAt().atZone(java.time.ZoneOffset.UTC))
                + (paid.amountDiffers() ? "; the amount paid differs from the billing amount" : "")
                + (paid.paymentCount() > 1 ? "; paid " + paid.paymentCount() + " times" : "")).orElse("");
    }

    /** Asks Stripe off the UI thread (it may take seconds) and reports back through push. */
    private void checkPayment(BillingInvoice invoice) {
        var ui = getUI().orElseThrow();
        Thread.ofVirtual().name("check-payment-" + invoice.id()).start(() -> {
            String message;
            NotificationVariant variant = NotificationVariant.LUMO_CONTRAST;
            try {
                var result = reconciliation.reconcile(organization, invoice.id());
                if (result.isEmpty()) {
                    message = "Invoice " + invoice.invoiceNumber() + " no longer exists.";
                } else if (result.get().paymentsRecorded() > 0) {
                    message = "Invoice " + invoice.invoiceNumber() + ": a payment Stripe had received is now recorded.";
                    variant = NotificationVariant.LUMO_SUCCESS;
                } else {
                    message = "Invoice " + invoice.invoiceNumber() + ": Stripe has no payment for it yet.";
                }
            } catch (PaymentReconciliationException e) {
                message = e.getMessage();
                variant = NotificationVariant.LUMO_ERROR;
            }
            var text = message;
            var theme = variant;
            ui.access(() -> {
                refreshRows(List.of(invoice.id()));
                notify(text, theme);
            });
        });
    }

    /** "Select all" asks for everything; this provider only ever holds the current page. */
    private Stream<BillingInvoice> fetch(Query<BillingInvoice, Void> query) {
        return rows.stream().skip(query.getOffset()).limit(query.getLimit());
    }

    private int rowsOnPage(int target) {
        return (int) Math.max(0, Math.min(PAGE_SIZE, total - (long) target * PAGE_SIZE));
    }

    /**
     * Reads a page by seeking from a known row (the neighbouring page's edge, or either end of the list)
     * rather than by offset: an offset makes PostgreSQL walk past every earlier row, which on a book of a
     * million invoices takes longer than the user will wait. Only a jump to an arbitrary page still pays it.
     */
    private List<BillingInvoice> read(int target) {
        var text = filter.getValue();
        boolean sameList = !rows.isEmpty() && text.equals(rowsFilter) && sort.equals(rowsSort);
        if (target == 0) {
            return invoices.pageAfter(organization, text, sort, Optional.empty(), PAGE_SIZE);
        }
        if (target == pageCount() - 1) {
            return invoices.pageBefore(organization, text, sort, Optional.empty(), rowsOnPage(target));
        }
        if (sameList && target == page + 1) {
            return invoices.pageAfter(organization, text, sort, Optional.of(rows.getLast()), PAGE_SIZE);
        }
        if (sameList && target == page - 1) {
            return invoices.pageBefore(organization, text, sort, Optional.of(rows.getFirst()), PAGE_SIZE);
        }
        return invoices.page(organization, text, sort, (long) target * PAGE_SIZE, rowsOnPage(target));
    }

    /** Shows the given page (clamped to the pages there are) with a fresh total. */
    public void showPage(int requested) {
        total = invoices.count(organization, filter.getValue());
        int pages = pageCount();
        int target = Math.clamp(requested, 0, pages - 1);
        rows = new ArrayList<>(read(target));
        rowsFilter = filter.getValue();
        rowsSort = sort;
        page = target;
        pageStatus.setText("Page " + (page + 1) + " of " + pages);
        totalStatus.setText(total == 1 ? "1 invoice" : total + " invoices");
        previous.setEnabled(page > 0);
        next.setEnabled(page < pages - 1);
        dataProvider.refreshAll();
    }

    /** Re-reads the given invoices and redraws their rows, wherever they are shown. */
    void refreshRows(Collection<InvoiceId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        for (var fresh : invoices.findAll(organization, ids)) {
            rows.replaceAll(row -> row.id().equals(fresh.id()) ? fresh : row);
            dataProvider.refreshItem(fresh);
        }
    }

    private void updateSelectionStatus() {
        int selected = grid.getSelectedItems().size();
        selectionStatus.setText(selected == 0 ? "" : selected + " of at most " + MAX_SELECTION + " selected");
        removeSelections.setEnabled(selected > 0);
    }

    Set<InvoiceId> selectedIds() {
        return grid.getSelectedItems().stream().map(BillingInvoice::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        var ui = attachEvent.getUI();
        updateRegistration = updates.register(organization, invoice -> ui.access(() -> refreshRows(List.of(invoice))));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (updateRegistration != null) {
            updateRegistration.remove();
            updateRegistration = null;
        }
        super.onDetach(detachEvent);
    }

    private static void warn(String message) {
        notify(message, NotificationVariant.LUMO_WARNING);
    }

    private static void notify(String message, NotificationVariant variant) {
        var notification = Notification.show(message, 5000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(variant);
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

    /**
     * Adds invoice actions (New Invoice, Import, Export) in a row of their own above the toolbar, so the
     * filter, selection status and Bulk Action keep their room.
     */
    void addToolbarActions(com.vaadin.flow.component.Component... actions) {
        var row = new HorizontalLayout(actions);
        row.addClassName("invoice-actions");
        addComponentAsFirst(row);
    }

    /** The filter text as the grid applies it. */
    String filterText() {
        return filter.getValue();
    }

    /** The sort the grid shows, as the invoicing API takes it. */
    InvoiceSort currentSort() {
        return grid.getSortOrder().stream().findFirst()
                .flatMap(order -> order.getSorted().getSortOrder(order.getDirection()).findFirst())
                .map(order -> new InvoiceSort(InvoiceSort.Field.valueOf(order.getSorted()),
                        order.getDirection() == SortDirection.DESCENDING))
                .orElse(InvoiceSort.DEFAULT);
    }
}
