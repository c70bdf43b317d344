package com.merchantbilling.ui.billing;

import static com.merchantbilling.ui.billing.Notices.count;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.ui.i18n.UiTranslations;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.grid.AbstractGridMultiSelectionModel;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.GridSelectionColumn;
import com.vaadin.flow.data.selection.SelectionEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridMultiSelectionModel;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.shared.Registration;

/**
 * The Billing Invoices grid: its columns, the selection cap, and the rows of one page. Which page it shows
 * is the tab's business ({@link InvoicePager}); the grid only maps its sort order to the invoicing API's.
 */
class BillingInvoicesGrid extends Grid<BillingInvoice> {

    static final int MAX_SELECTION = PaymentLinkRequests.MAX_INVOICES;

    /** Dates and amounts are formatted for the UI's language; a language switch reloads the page. */
    private final Locale formatting = UiTranslations.formatting(getLocale());
    private final List<Consumer<BillingInvoice>> detailsListeners = new ArrayList<>();
    private List<BillingInvoice> rows = new ArrayList<>();
    // rows are identified by invoice id, so a row whose status changed is still the selected row
    private final CallbackDataProvider<BillingInvoice, Void> dataProvider = new CallbackDataProvider<>(
            // "Select all" asks for everything; this provider only ever holds the current page
            query -> rows.stream().skip(query.getOffset()).limit(query.getLimit()),
            query -> rows.size(), BillingInvoice::id);
    private boolean revertingSelection;
    private PageSelectionModel selectionModel;
    private com.merchantbilling.ui.billing.sharing.FollowUpMarks followUps;

    BillingInvoicesGrid(int pageSize, Consumer<BillingInvoice> checkPayment) {
        setId("billing-invoices-grid");
        setPageSize(pageSize);
        setMultiSort(false);
        useNewSelectionModel();
        asMultiSelect().addSelectionListener(event -> {
            if (revertingSelection || event.getAllSelectedItems().size() <= MAX_SELECTION) {
                showPageSelectionState();
                return;
            }
            revertingSelection = true;
            try {
                asMultiSelect().deselect(event.getAddedSelection());
            } finally {
                revertingSelection = false;
            }
            showPageSelectionState();
            Notices.warn(getTranslation("invoices.selection.tooMany", count(MAX_SELECTION),
                    count(event.getAddedSelection().size()), count(event.getAllSelectedItems().size())));
        });
        addDetailsColumn();
        addDataColumns(checkPayment);
        setItems(dataProvider);
        sort(List.of(new GridSortOrder<>(getColumnByKey("issueDate"), SortDirection.DESCENDING)));
    }

    /** A button, not a row click: clicks on the selection checkboxes must keep only selecting. */
    private void addDetailsColumn() {
        // the same label in every row: in the template, not in each row's data (LitTemplateText)
        var label = LitTemplateText.of(getTranslation("details.button"));
        addColumn(LitRenderer.<BillingInvoice>of("""
                        <vaadin-button theme="tertiary-inline small icon" class="invoice-details" title="%1$s"
                            aria-label="%1$s" @click="${e => { e.stopPropagation(); open(); }}"
                            ><vaadin-icon icon="vaadin:info-circle-o"></vaadin-icon></vaadin-button>""".formatted(label))
                        .withFunction("open", invoice -> detailsListeners.forEach(listener -> listener.accept(invoice))))
                .setKey("details").setWidth("2.5em").setFlexGrow(0);
    }

    private void addDataColumns(Consumer<BillingInvoice> checkPayment) {
        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(formatting);
        // fixed widths, not auto width: auto width is measured on whatever page loads first, so the columns
        // jumped between loads; these fit the longest date of either language and a seven-digit amount with the
        // grid's narrower cell padding (styles.css), and add up to what 1280 px leaves beside the open drawer; the
        // headers wrap rather than being cut
        var invoiceNumber = addColumn(BillingInvoice::invoiceNumber).setHeader(getTranslation("grid.invoiceNumber"))
                .setKey("invoiceNumber").setSortProperty(InvoiceSort.Field.INVOICE_NUMBER.name()).setWidth("8em")
                .setFlexGrow(0);
        var buyer = addColumn(BillingInvoice::buyerName).setHeader(getTranslation("grid.buyer")).setKey("buyer")
                .setSortProperty(InvoiceSort.Field.BUYER.name()).setFlexGrow(1).setWidth("5.5em");
        addColumn(invoice -> dates.format(invoice.issueDate())).setHeader(getTranslation("grid.issueDate")).setKey("issueDate")
                .setSortProperty(InvoiceSort.Field.ISSUE_DATE.name()).setWidth("7.5em").setFlexGrow(0);
        addColumn(invoice -> dates.format(invoice.dueDate())).setHeader(getTranslation("grid.dueDate")).setKey("dueDate")
                .setSortProperty(InvoiceSort.Field.DUE_DATE.name()).setWidth("7.5em").setFlexGrow(0);
        var billingAmount = addColumn(invoice -> invoice.billingAmount().format(formatting))
                .setHeader(getTranslation("grid.billingAmount")).setKey("billingAmount")
                .setSortProperty(InvoiceSort.Field.BILLING_AMOUNT.name()).setTextAlign(ColumnTextAlign.END)
                .setWidth("8.5em").setFlexGrow(0);
        showTextAsTooltip(invoiceNumber, buyer, billingAmount);
        // fixed base width: auto width is measured on the first page, before any row shows a copy button. The
        // base holds the status and the two buttons as icons (named in tooltips); where the screen leaves room the
        // column grows with the buyer's and the buttons show their short labels ("Copy link", "Check"), see
        // styles.css. 19em with labels always did not fit beside the open drawer at 1440 px (issue 11)
        addColumn(new OnlinePaymentColumn(this, formatting, checkPayment, () -> followUps).renderer())
                .setHeader(getTranslation("grid.onlinePayment")).setKey("onlinePayment")
                .setWidth("13em").setFlexGrow(1);
    }

    /**
     * A cut text (the fixed widths above) shows whole in a tooltip. Column.setTooltipGenerator would send each row's
     * tooltips again beside its cells (a "gridtooltips" object of three more strings per row, ~40 KB a page on the
     * heap until the response is written, docs/performance.md §4); these tooltips say exactly what the cell says,
     * so the browser reads them from the row's own data: the cell's value under the column's {@code path} (which
     * Flow's ColumnPathRenderer sets to the key it sends the value under). The tooltip element and its generator are
     * those Grid itself sets up for tooltip generators (vaadin-grid's {@code tooltip} slot).
     */
    private void showTextAsTooltip(Column<?>... columns) {
        for (var column : columns) {
            column.getElement().setAttribute("text-tooltip", true);
        }
        var tooltip = new Element("vaadin-tooltip");
        tooltip.setAttribute("slot", "tooltip");
        // a generator is a function, not a synced property: set again on every attach, as Grid does
        tooltip.addAttachListener(attach -> tooltip.executeJs("""
                this.generator = ({item, column}) =>
                    (item && column && column.hasAttribute('text-tooltip')) ? (item[column.path] ?? '') : '';"""));
        getElement().appendChild(tooltip);
    }

    /** The sort the grid shows, as the invoicing API takes it. */
    InvoiceSort currentSort() {
        return invoiceSort(getSortOrder());
    }

    /** The one mapping from the grid's sort order to the invoicing API's: for the page and the export alike. */
    static InvoiceSort invoiceSort(List<GridSortOrder<BillingInvoice>> orders) {
        return orders.stream().findFirst()
                .flatMap(order -> order.getSorted().getSortOrder(order.getDirection()).findFirst())
                .map(order -> new InvoiceSort(InvoiceSort.Field.valueOf(order.getSorted()),
                        order.getDirection() == SortDirection.DESCENDING))
                .orElse(InvoiceSort.DEFAULT);
    }

    /** Runs when the user sorts by another column or direction, with the new sort. */
    Registration addInvoiceSortListener(Consumer<InvoiceSort> listener) {
        return addSortListener(event -> listener.accept(invoiceSort(event.getSortOrder())));
    }

    /** Runs when the user opens an invoice's details. */
    Registration addDetailsListener(Consumer<BillingInvoice> listener) {
        detailsListeners.add(listener);
        return () -> detailsListeners.remove(listener);
    }

    /** The emails' follow-up marks beside the Online Payment status, read with every page. */
    void showFollowUps(com.merchantbilling.ui.billing.sharing.FollowUpMarks marks) {
        this.followUps = marks;
    }

    void showRows(List<BillingInvoice> page) {
        rows = new ArrayList<>(page);
        if (followUps != null) {
            followUps.load(page.stream().map(BillingInvoice::id).toList());
        }
        dataProvider.refreshAll();
        showPageSelectionState();
        // a new page starts at its first row, not where the previous one was scrolled to
        scrollToIndex(0);
    }

    /** Without the add-on nothing acts on a selection, so the rows get no checkboxes to tick. */
    void withoutSelection() {
        setSelectionMode(SelectionMode.NONE);
    }

    /**
     * The checkboxes back, e.g. when the add-on was subscribed while the grid was open. A removed selection model
     * has lost its column, so a new one is made; the selection listeners stay, being the grid's own (the model
     * fires its events on the grid).
     */
    void withSelection() {
        if (getSelectionModel() == selectionModel) {
            return;
        }
        useNewSelectionModel();
        showPageSelectionState();
    }

    boolean hasSelection() {
        return getSelectionModel() == selectionModel;
    }

    private void useNewSelectionModel() {
        selectionModel = new PageSelectionModel();
        setSelectionModel(selectionModel, SelectionMode.MULTI);
        selectionModel.setSelectAllCheckboxVisibility(GridMultiSelectionModel.SelectAllCheckboxVisibility.VISIBLE);
        selectionModel.setSelectionColumnFrozen(true);
    }

    /** How many of the current page's rows are selected, and how many rows the page has. */
    PageSelection pageSelection() {
        var selected = selectionModel.getSelectedItemIds();
        int onPage = (int) rows.stream().filter(row -> selected.contains(row.id())).count();
        return new PageSelection(onPage, rows.size());
    }

    record PageSelection(int selected, int rows) {

        boolean all() {
            return rows > 0 && selected == rows;
        }

        boolean some() {
            return selected > 0 && selected < rows;
        }
    }

    /**
     * The heading checkbox speaks for the page in view only: the selection spans pages, and a checkbox that
     * looked checked on a page without one selected row would clear every page's selection with one click.
     */
    private void showPageSelectionState() {
        if (getSelectionModel() != selectionModel) {
            return;
        }
        var state = pageSelection();
        var column = selectionModel.selectionColumn();
        column.setSelectAllCheckboxState(state.all());
        column.setSelectAllCheckboxIndeterminateState(state.some());
        // the client sets selectAll itself on a click; when the server refuses the click (the cap) the
        // property's server-side value has not changed, so it is written to the element explicitly as well
        column.getElement().executeJs("this.selectAll = $0; this._indeterminate = $1;", state.all(), state.some());
    }

    /** Select all and deselect all act on the current page's rows, never on other pages' selections. */
    private final class PageSelectionModel extends AbstractGridMultiSelectionModel<BillingInvoice> {

        PageSelectionModel() {
            super(BillingInvoicesGrid.this);
        }

        @Override
        protected void fireSelectionEvent(SelectionEvent<Grid<BillingInvoice>, BillingInvoice> event) {
            BillingInvoicesGrid.this.fireEvent((ComponentEvent<?>) event);
        }

        @Override
        protected void clientSelectAll() {
            var selected = getSelectedItemIds();
            var add = rows.stream().filter(row -> !selected.contains(row.id()))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (add.isEmpty()) {
                showPageSelectionState();
                return;
            }
            // over the cap, the selection listener takes the whole page back and says why
            updateSelection(add, Set.of());
        }

        @Override
        protected void clientDeselectAll() {
            var selected = getSelectedItemIds();
            var remove = rows.stream().filter(row -> selected.contains(row.id()))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            updateSelection(Set.of(), remove);
            showPageSelectionState();
        }

        @Override
        public void selectFromClient(BillingInvoice item) {
            super.selectFromClient(item);
            showPageSelectionState();
        }

        @Override
        public void deselectFromClient(BillingInvoice item) {
            super.deselectFromClient(item);
            showPageSelectionState();
        }

        @Override
        protected Set<Object> getSelectedItemIds() {
            return super.getSelectedItemIds();
        }

        GridSelectionColumn selectionColumn() {
            return getSelectionColumn();
        }
    }

    /** Redraws the row of this invoice, if the current page shows it. */
    void refreshRow(BillingInvoice fresh) {
        rows.replaceAll(row -> row.id().equals(fresh.id()) ? fresh : row);
        dataProvider.refreshItem(fresh);
    }

    Set<InvoiceId> selectedIds() {
        return getSelectedItems().stream().map(BillingInvoice::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
