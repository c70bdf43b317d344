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
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.PaymentReconciliation;
import com.merchantbilling.payments.PaymentReconciliationException;
import com.merchantbilling.ui.i18n.UiTranslations;
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
    private final Button previous = new Button(VaadinIcon.ANGLE_LEFT.create());
    private final Button next = new Button(VaadinIcon.ANGLE_RIGHT.create());
    private final Span pageStatus = new Span();
    private final Span totalStatus = new Span();
    private final Span selectionStatus = new Span();
    private final Button removeSelections = new Button();
    /** Dates and amounts are formatted for the UI's language; a language switch reloads the page. */
    private final Locale formatting = UiTranslations.formatting(getLocale());

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

        filter.setPlaceholder(getTranslation("invoices.filter.placeholder"));
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setWidth("22em");
        filter.setId("invoice-filter");
        filter.addValueChangeListener(change -> showPage(0));

        configureGrid();

        previous.setText(getTranslation("invoices.pager.previous"));
        next.setText(getTranslation("invoices.pager.next"));
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
        removeSelections.setText(getTranslation("invoices.selection.removeAll"));
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
            var notice = new Span(getTranslation("invoices.addOnNotice",
                    getTranslation("addOn." + AddOn.STRIPE_CREDIT_CARD_PAYMENT.name())));
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
        var bulkAction = menu.addItem(getTranslation("invoices.bulkAction"));
        bulkAction.getSubMenu().addItem(getTranslation("invoices.bulkAction.createPaymentLink"),
                        click -> openCreatePaymentLinks())
                .setId("create-payment-link");
        return menu;
    }

    private void openCreatePaymentLinks() {
        var selection = selectedIds();
        if (selection.isEmpty()) {
            warn(getTranslation("invoices.bulkAction.selectFirst"));
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
                warn(getTranslation("invoices.selection.tooMany", count(MAX_SELECTION),
                        count(event.getAddedSelection().size()), count(event.getAllSelectedItems().size())));
            }
            updateSelectionStatus();
        });

        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(formatting);
        grid.addColumn(BillingInvoice::invoiceNumber).setHeader(getTranslation("grid.invoiceNumber")).setKey("invoiceNumber")
                .setSortProperty(InvoiceSort.Field.INVOICE_NUMBER.name()).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(BillingInvoice::buyerName).setHeader(getTranslation("grid.buyer")).setKey("buyer")
                .setSortProperty(InvoiceSort.Field.BUYER.name()).setFlexGrow(1).setWidth("9em");
        grid.addColumn(invoice -> dates.format(invoice.issueDate())).setHeader(getTranslation("grid.issueDate")).setKey("issueDate")
                .setSortProperty(InvoiceSort.Field.ISSUE_DATE.name()).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(invoice -> dates.format(invoice.dueDate())).setHeader(getTranslation("grid.dueDate")).setKey("dueDate")
                .setSortProperty(InvoiceSort.Field.DUE_DATE.name()).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(invoice -> invoice.billingAmount().format(formatting)).setHeader(getTranslation("grid.billingAmount"))
                .setKey("billingAmount").setSortProperty(InvoiceSort.Field.BILLING_AMOUNT.name())
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        // fixed width: auto width is measured on the first page, before any row shows a copy button; the
        // buttons are icons (named by tooltip and aria-label) so the column fits beside the others
        grid.addColumn(onlinePaymentRenderer()).setHeader(getTranslation("grid.onlinePayment")).setKey("onlinePayment")
                .setWidth("16.5em").setFlexGrow(0);

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
        var copyLabel = getTranslation("payment.copyUrl");
        var checkLabel = getTranslation("payment.check");
        var checkHint = getTranslation("payment.check.hint");
        return LitRenderer.<BillingInvoice>of("""
                        <span class="online-payment online-payment-${item.statusClass}" title="${item.detail}">${item.status}</span>
                        <span class="payment-attention payment-flags" ?hidden="${!item.flags}" title="${item.detail}">${item.flags}</span>
                        <vaadin-button theme="tertiary icon small" class="copy-payment-link" ?hidden="${!item.url}"
                            title="${item.copyLabel}" aria-label="${item.copyLabel}" data-url="${item.url}"
                            @click="${e => { e.stopPropagation(); navigator.clipboard.writeText(item.url).then(() => copied(), () => copyFailed()); }}"
                            ><vaadin-icon icon="vaadin:copy-o"></vaadin-icon></vaadin-button>
                        <vaadin-button theme="tertiary icon small" class="check-payment" ?hidden="${!item.pending}"
                            title="${item.checkHint}" aria-label="${item.checkLabel}" @click="${e => { e.stopPropagation(); checkPayment(); }}"
                            ><vaadin-icon icon="vaadin:refresh"></vaadin-icon></vaadin-button>""")
                .withProperty("status", invoice -> getTranslation("status." + invoice.onlinePayment().name()))
                .withProperty("statusClass", invoice -> invoice.onlinePayment().name().toLowerCase(Locale.ROOT))
                .withProperty("detail", this::statusDetail)
                .withProperty("flags", this::flagsText)
                // a Paid invoice is checked for refunds and disputes too
                .withProperty("pending", invoice -> invoice.onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT
                        || invoice.onlinePayment() == OnlinePaymentStatus.PAID)
                .withProperty("copyLabel", invoice -> copyLabel)
                .withProperty("checkLabel", invoice -> checkLabel)
                .withProperty("checkHint", invoice -> checkHint)
                .withFunction("checkPayment", this::checkPayment)
                .withProperty("url", invoice -> invoice.paymentLinkUrl().orElse(""))
                .withFunction("copied", invoice -> notify(getTranslation("payment.copied", invoice.invoiceNumber()),
                        NotificationVariant.LUMO_SUCCESS))
                .withFunction("copyFailed", invoice -> notify(getTranslation("payment.copyFailed",
                        invoice.invoiceNumber(), invoice.paymentLinkUrl().orElse("")), NotificationVariant.LUMO_WARNING));
    }

    /** The flags beside the status, in the UI's language: "Refunded · Disputed". */
    String flagsText(BillingInvoice invoice) {
        return invoice.flags().stream().map(flag -> getTranslation("flag." + flag.name()))
                .collect(java.util.stream.Collectors.joining(" · "));
    }

    /** The failure Stripe reported (in its own words), or when and how much was paid. */
    private String statusDetail(BillingInvoice invoice) {
        if (invoice.paymentLinkFailure().isPresent()) {
            return invoice.paymentLinkFailure().get();
        }
        if (invoice.differingPayment().isPresent() && invoice.paid().isEmpty()) {
            return getTranslation("payment.detail.differs", invoice.differingPayment().get().format(formatting),
                    invoice.billingAmount().format(formatting));
        }
        return invoice.paid().map(paid -> getTranslation("payment.detail.paid", paid.paidAmount().format(formatting),
                        DateTimeFormatter.ISO_LOCAL_DATE.format(paid.paidAt().atZone(java.time.ZoneOffset.UTC)))
                + (paid.amountDiffers() ? getTranslation("payment.detail.amountDiffers") : "")
                + (paid.paymentCount() > 1 ? getTranslation("payment.detail.paidTimes", count(paid.paymentCount())) : ""))
                .orElse("");
    }

    /** A count as plain digits: MessageFormat would group it ("1,000"), which the texts never did. */
    static String count(long number) {
        return Long.toString(number);
    }

    /** Asks Stripe off the UI thread (it may take seconds) and reports back through push. */
    private void checkPayment(BillingInvoice invoice) {
        var ui = getUI().orElseThrow();
        Thread.ofVirtual().name("check-payment-" + invoice.id()).start(() -> {
            String key;
            String message = null;
            NotificationVariant variant = NotificationVariant.LUMO_CONTRAST;
            try {
                var result = reconciliation.reconcile(organization, invoice.id());
                if (result.isEmpty()) {
                    key = "payment.check.gone";
                } else if (result.get().paymentsRecorded() > 0) {
                    key = "payment.check.recorded";
                    variant = NotificationVariant.LUMO_SUCCESS;
                } else if (result.get().onlinePayment() == OnlinePaymentStatus.PAID) {
                    key = "payment.check.paid";
                } else {
                    key = "payment.check.none";
                }
            } catch (PaymentReconciliationException e) {
                key = null;
                message = e.getMessage();
                variant = NotificationVariant.LUMO_ERROR;
            }
            var textKey = key;
            var error = message;
            var theme = variant;
            ui.access(() -> {
                refreshRows(List.of(invoice.id()));
                notify(textKey == null ? error : getTranslation(textKey, invoice.invoiceNumber()), theme);
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
        pageStatus.setText(getTranslation("invoices.pager.page", count(page + 1), count(pages)));
        totalStatus.setText(total == 1 ? getTranslation("invoices.pager.totalOne")
                : getTranslation("invoices.pager.total", count(total)));
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
        selectionStatus.setText(selected == 0 ? ""
                : getTranslation("invoices.selection", count(selected), count(MAX_SELECTION)));
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
