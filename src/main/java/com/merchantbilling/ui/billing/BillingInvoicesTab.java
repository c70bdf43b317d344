package com.merchantbilling.ui.billing;

import static com.merchantbilling.ui.billing.Notices.count;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentFilter;
import com.merchantbilling.invoicing.PaymentFlag;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.StripeAccountState;
import com.merchantbilling.payments.StripeAccounts;
import com.merchantbilling.ui.billing.slips.PaymentLinkShareActions;
import com.merchantbilling.ui.live.OrganizationChanges;
import com.merchantbilling.ui.settings.AddOnsView;
import com.merchantbilling.ui.billing.sharing.FollowUpMarks;
import com.merchantbilling.ui.billing.sharing.SharingActions;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.annotation.SpringComponent;

/**
 * The Billing Invoices tab: the organization's invoices, 100 to a page, loaded lazily from the database
 * one page at a time, sortable and filterable; up to 100 selected invoices (across pages) get online
 * payment links through the Bulk Action menu. Composes the toolbar, the {@link BillingInvoicesGrid} and
 * the {@link InvoicePager}, and keeps the rows current through push.
 */
@SpringComponent
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class BillingInvoicesTab extends VerticalLayout {

    private final OrganizationId organization;
    private final BillingInvoices invoices;
    private final OnlinePaymentUpdates updates;
    private final PaymentCheck paymentCheck;
    private final PaymentLinkActions linkActions;
    private final PaymentLinkShareActions shareActions;
    private final SharingActions sharingActions;
    private final FollowUpMarks followUps;
    private final InvoicePager pager;
    private final BillingInvoicesGrid grid;
    private final TextField filter = new TextField();
    private final Select<OnlinePaymentFilter> onlinePaymentFilter = new Select<>();
    /** The options' counts for the current text filter; read again when the list may have changed. */
    private OnlinePaymentFilter.Counts counts = OnlinePaymentFilter.Counts.none();
    private final Button previous = new Button(VaadinIcon.ANGLE_LEFT.create());
    private final Button next = new Button(VaadinIcon.ANGLE_RIGHT.create());
    private final Span pageStatus = new Span();
    private final Span totalStatus = new Span();
    private final Span selectionStatus = new Span();
    private final Button removeSelections = new Button();
    private final Span emptyText = new Span();
    private final Button clearFilter = new Button();
    private final CurrentMerchant merchant;
    private final StripeAccounts stripeAccounts;
    private final HorizontalLayout toolbar;
    private MenuBar bulkMenu;
    private MenuItem createPaymentLink;
    private Div addOnNotice;
    /** Bulk Action items for invoices that have a link (copy, print, email, remind). */
    private final List<MenuItem> linkItems = new ArrayList<>();
    private Registration updateRegistration;
    private boolean clearing;
    private boolean refreshingOptions;

    BillingInvoicesTab(CurrentMerchant merchant, BillingInvoices invoices, OnlinePaymentUpdates updates,
            PaymentCheck paymentCheck, InvoiceActions actions, PaymentLinkActions linkActions,
            OrganizationChanges organizationChanges, StripeAccounts stripeAccounts,
            PaymentLinkShareActions shareActions, SharingActions sharingActions, FollowUpMarks followUps) {
        this.shareActions = shareActions;
        this.organization = merchant.organization();
        this.merchant = merchant;
        this.stripeAccounts = stripeAccounts;
        this.invoices = invoices;
        this.updates = updates;
        this.paymentCheck = paymentCheck;
        this.linkActions = linkActions;
        this.sharingActions = sharingActions;
        this.followUps = followUps;
        this.pager = new InvoicePager(invoices, organization);
        this.grid = new BillingInvoicesGrid(InvoicePager.PAGE_SIZE, this::checkPayment);
        grid.showFollowUps(followUps);
        actions.connect(this::currentQuery, () -> showPage(0));
        grid.addDetailsListener(invoice -> actions.openDetails(invoice.id()));
        setSizeFull();
        setPadding(false);

        // a placeholder short enough for 1280 px beside the other controls; the label says it in full
        filter.setPlaceholder(getTranslation("invoices.filter.placeholder"));
        filter.setAriaLabel(getTranslation("invoices.filter.label"));
        filter.setTooltipText(getTranslation("invoices.filter.label"));
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setId("invoice-filter");
        filter.addClassName("invoice-filter");
        filter.addValueChangeListener(change -> showPage(0));
        configureOnlinePaymentFilter();
        grid.addInvoiceSortListener(sort -> showPage(0));
        grid.asMultiSelect().addSelectionListener(event -> updateSelectionStatus());

        selectionStatus.setId("selection-status");
        selectionStatus.addClassName("selection-status");
        removeSelections.setText(getTranslation("invoices.selection.removeAll"));
        removeSelections.setId("remove-all-selections");
        removeSelections.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        removeSelections.addClickListener(click -> grid.asMultiSelect().deselectAll());

        toolbar = new HorizontalLayout(filter, onlinePaymentFilter, selectionStatus, removeSelections);
        // one row at 1280 px with the drawer open, in English and Japanese; wraps when narrower (styles.css)
        toolbar.addClassName("invoices-toolbar");
        toolbar.setWidthFull();
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        applyAddOn(merchant.addOnActive());
        // the add-on subscribed or canceled by an Owner, on any node: Bulk Action follows at once
        organizationChanges.registerWhileAttached(this, organization, () -> applyAddOn(merchant.addOnActive()));
        grid.setEmptyStateComponent(emptyState());
        add(actions, toolbar, grid, pagerBar());
        expand(grid);
        updateSelectionStatus();
        showPage(0);
    }

    /**
     * Online Payment: All, the three statuses, then the payment flags, each with its count for the current
     * text filter ("Pending Payment (12)"). A flag no invoice carries stays listed but cannot be chosen. A
     * change shows page 1 of the narrowed list; the selection stays as it is, on every page.
     */
    private void configureOnlinePaymentFilter() {
        var options = new java.util.ArrayList<OnlinePaymentFilter>();
        options.add(OnlinePaymentFilter.ALL);
        for (var status : OnlinePaymentFilter.Status.values()) {
            options.add(OnlinePaymentFilter.of(status));
        }
        for (var flag : PaymentFlag.values()) {
            options.add(OnlinePaymentFilter.flagged(flag));
        }
        onlinePaymentFilter.setId("online-payment-filter");
        onlinePaymentFilter.setAriaLabel(getTranslation("invoices.onlinePaymentFilter"));
        onlinePaymentFilter.setTooltipText(getTranslation("invoices.onlinePaymentFilter"));
        onlinePaymentFilter.setItems(options);
        // "Online Payment: Pending Payment (250)" in the closed field did not fit beside the text filter and the
        // Bulk Action menu at 1280 px (seen in the screenshots): the icon and the "All" option's text name it
        onlinePaymentFilter.setPrefixComponent(VaadinIcon.CREDIT_CARD.create());
        onlinePaymentFilter.setItemLabelGenerator(this::optionText);
        onlinePaymentFilter.setItemEnabledProvider(option -> option.flag().isEmpty()
                || counts.of(option.flag().get()) > 0 || option.equals(onlinePaymentFilter.getValue()));
        onlinePaymentFilter.setValue(OnlinePaymentFilter.ALL);
        onlinePaymentFilter.setEmptySelectionAllowed(false);
        // as wide as the chosen option's text (styles.css): a fixed 15em cut "オンライン決済: すべて（260）"
        onlinePaymentFilter.addClassName("online-payment-filter");
        onlinePaymentFilter.addValueChangeListener(change -> {
            if (refreshingOptions) {
                return;
            }
            if (change.getValue() == null) {
                onlinePaymentFilter.setValue(OnlinePaymentFilter.ALL);
                return;
            }
            showPage(0);
        });
    }

    private String optionText(OnlinePaymentFilter option) {
        if (option.flag().isPresent()) {
            var flag = option.flag().get();
            return getTranslation("invoices.onlinePaymentFilter.option", getTranslation("flag." + flag.name()),
                    count(counts.of(flag)));
        }
        if (option.statuses().size() == 1) {
            var status = option.statuses().iterator().next();
            return getTranslation("invoices.onlinePaymentFilter.option", getTranslation("status." + status.name()),
                    count(counts.of(status)));
        }
        return getTranslation("invoices.onlinePaymentFilter.option", getTranslation("invoices.onlinePaymentFilter.all"),
                count(counts.all()));
    }

    /** Reads the options' counts again and redraws their texts. */
    private void recount() {
        showCounts(invoices.onlinePaymentCounts(organization, filter.getValue()));
    }

    private void showCounts(OnlinePaymentFilter.Counts fresh) {
        counts = fresh;
        // Select clears its value on refreshAll; the same option is put back without counting as a change
        var chosen = onlinePaymentFilter.getValue();
        refreshingOptions = true;
        try {
            onlinePaymentFilter.getListDataView().refreshAll();
            onlinePaymentFilter.setValue(chosen == null ? OnlinePaymentFilter.ALL : chosen);
        } finally {
            refreshingOptions = false;
        }
    }

    private HorizontalLayout pagerBar() {
        previous.setText(getTranslation("invoices.pager.previous"));
        next.setText(getTranslation("invoices.pager.next"));
        previous.setId("pager-previous");
        next.setId("pager-next");
        next.setIconAfterText(true);
        previous.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        next.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        previous.addClickListener(click -> showPage(pager.page() - 1));
        next.addClickListener(click -> showPage(pager.page() + 1));
        pageStatus.setId("pager-status");
        totalStatus.setId("pager-total");
        var bar = new HorizontalLayout(previous, pageStatus, next, totalStatus);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.addClassName("pager");
        return bar;
    }

    /** What an empty grid says: nothing matches the filter (with a way out), or there are no invoices yet. */
    private VerticalLayout emptyState() {
        emptyText.setId("invoices-empty-text");
        clearFilter.setText(getTranslation("invoices.empty.clearFilter"));
        clearFilter.setId("clear-invoice-filter");
        clearFilter.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        clearFilter.addClickListener(click -> clearFilters());
        var empty = new VerticalLayout(emptyText, clearFilter);
        empty.setId("invoices-empty-state");
        empty.setAlignItems(FlexComponent.Alignment.CENTER);
        empty.addClassName("invoices-empty-state");
        return empty;
    }

    /** Both filters at once, and one page read for it. */
    private void clearFilters() {
        clearing = true;
        try {
            filter.clear();
            onlinePaymentFilter.setValue(OnlinePaymentFilter.ALL);
        } finally {
            clearing = false;
        }
        showPage(0);
    }

    private void updateEmptyState() {
        boolean byText = !filter.getValue().isBlank();
        boolean byPayment = !onlinePaymentFilter.getValue().isAll();
        String text;
        if (byText && byPayment) {
            text = getTranslation("invoices.empty.noMatchWithPayment", filter.getValue().strip(),
                    optionName(onlinePaymentFilter.getValue()));
        } else if (byText) {
            text = getTranslation("invoices.empty.noMatch", filter.getValue().strip());
        } else if (byPayment) {
            text = getTranslation("invoices.empty.noMatchPayment", optionName(onlinePaymentFilter.getValue()));
        } else {
            text = getTranslation("invoices.empty.none");
        }
        emptyText.setText(text);
        clearFilter.setVisible(byText || byPayment);
    }

    private String optionName(OnlinePaymentFilter option) {
        return option.flag().map(flag -> getTranslation("flag." + flag.name()))
                .orElseGet(() -> getTranslation("status." + option.statuses().iterator().next().name()));
    }

    /**
     * Shows what the add-on gives, or hides it: at build time, and again whenever the organization's subscription
     * changed on any node (an Owner subscribed or canceled it while this grid was open). Canceled, Create Payment
     * Link goes at once; the menu goes only when nothing else is left in it (items that work on existing links stay
     * for an organization whose add-on was canceled), and with it the checkboxes, and the notice comes back.
     */
    /**
     * What the add-on and the merchant's role allow: Create Payment Link while the add-on is active, for an
     * Owner or a Billing manager. The menu shows while any of its items may be used (the items that work on links
     * already created stay after a cancellation, and for a Viewer those that only read), and the checkboxes with
     * it: there is nothing to select for without one. Called again live when the add-on changes on another view.
     */
    private void applyAddOn(boolean active) {
        boolean create = active && merchant.mayBill();
        // the items that work on links already created: while the add-on is active, or after it was cancelled
        // for as long as the organization has links; never for one that never had any. A Viewer gets no Bulk
        // Action at all (issue 16): it copies a link from its row and opens the QR code and slip in the details
        boolean links = merchant.mayBill() && (active || organizationHasLinks());
        // built the first time it has an item to show: a Viewer's tab, or one of an organization without the
        // add-on and without links, never holds the menu's components (~30 KB a session, docs/performance.md §4)
        if (bulkMenu == null && (create || links)) {
            bulkMenu = bulkActions();
            toolbar.addComponentAtIndex(addOnNotice == null ? toolbar.getComponentCount() : toolbar.indexOf(addOnNotice),
                    bulkMenu);
        }
        boolean anyAction = false;
        if (bulkMenu != null) {
            createPaymentLink.setVisible(create);
            linkItems.forEach(item -> item.setVisible(links));
            anyAction = bulkMenu.getItems().stream().flatMap(item -> item.getSubMenu().getItems().stream())
                    .anyMatch(MenuItem::isVisible);
            bulkMenu.setVisible(anyAction);
        }
        if (anyAction) {
            grid.withSelection();
            selectionStatus.setVisible(true);
            removeSelections.setVisible(true);
        } else {
            if (grid.hasSelection()) {
                grid.asMultiSelect().deselectAll();
            }
            grid.withoutSelection();
            selectionStatus.setVisible(false);
            removeSelections.setVisible(false);
        }
        if (!active) {
            // the notice says what the add-on gives
            if (addOnNotice == null) {
                addOnNotice = addOnNotice();
                toolbar.add(addOnNotice);
            }
            addOnNotice.setVisible(true);
        } else if (addOnNotice != null) {
            addOnNotice.setVisible(false);
        }
        if (grid.hasSelection()) {
            updateSelectionStatus();
        }
    }

    private boolean organizationHasLinks() {
        var whole = invoices.onlinePaymentCounts(organization, "");
        return whole.of(OnlinePaymentFilter.Status.PENDING_PAYMENT) + whole.of(OnlinePaymentFilter.Status.PAID) > 0;
    }

    private MenuBar bulkActions() {
        var menu = new MenuBar();
        menu.setId("bulk-action");
        menu.addThemeVariants(MenuBarVariant.LUMO_DROPDOWN_INDICATORS);
        // a squeezed menu bar moves its only item into the "..." overflow, hiding Bulk Action behind an unnamed
        // button: it keeps its width, and the filters give way when the toolbar is short of room
        menu.getStyle().set("flex-shrink", "0");
        var bulkAction = menu.addItem(getTranslation("invoices.bulkAction"));
        // role: billing manager
        createPaymentLink = bulkAction.getSubMenu().addItem(getTranslation("invoices.bulkAction.createPaymentLink"),
                click -> openCreatePaymentLinks());
        createPaymentLink.setId("create-payment-link");
        linkItems.addAll(shareActions.addTo(bulkAction.getSubMenu(), this::selectedIds));
        linkItems.addAll(sharingActions.addTo(bulkAction.getSubMenu(), this::selectedIds, this::emailed));
        return menu;
    }

    /** The invoices' follow-up marks changed: read them and redraw the rows. */
    private void emailed(Collection<InvoiceId> ids) {
        followUps.reload(ids);
        refreshRows(ids);
    }

    private Div addOnNotice() {
        var addOn = getTranslation("addOn." + AddOn.STRIPE_CREDIT_CARD_PAYMENT.name());
        var title = new Span(getTranslation("invoices.addOnNotice", addOn));
        title.addClassName("add-on-notice-title");
        var notice = new Div(VaadinIcon.CREDIT_CARD.create(), new Div(title,
                new Paragraph(getTranslation("invoices.addOnNotice.gives")),
                howToGetAddOn(addOn)));
        notice.setId("add-on-notice");
        notice.addClassName("add-on-notice");
        return notice;
    }

    /**
     * An Owner subscribes under Settings > Add-ons (linked); anyone else asks an Owner, who alone may. A Viewer is
     * not told that New Invoice, Import and Export work without the add-on: they are not a Viewer's to use.
     */
    private Paragraph howToGetAddOn(String addOn) {
        if (!merchant.mayBill()) {
            return new Paragraph(getTranslation("invoices.addOnNotice.howToGet.viewer", addOn));
        }
        if (!merchant.mayAdminister()) {
            return new Paragraph(getTranslation("invoices.addOnNotice.howToGet", addOn));
        }
        // the link stands where the translation puts {1}: the languages place it differently in the sentence
        String marker = "\uE000";
        String text = getTranslation("invoices.addOnNotice.howToGet.owner", addOn, marker);
        int at = text.indexOf(marker);
        var link = new RouterLink(getTranslation("invoices.addOnNotice.addOnsPage"), AddOnsView.class);
        link.setId("add-on-notice-subscribe");
        return new Paragraph(new Text(text.substring(0, at)), link, new Text(text.substring(at + marker.length())));
    }

    private void openCreatePaymentLinks() {
        if (!merchant.addOnActive()) {
            // canceled on another node a moment ago, before this view heard of it
            applyAddOn(false);
            Notices.warn(getTranslation("invoices.addOnNotice",
                    getTranslation("addOn." + AddOn.STRIPE_CREDIT_CARD_PAYMENT.name())));
            return;
        }
        if (stripeAccounts.linkCreationRefusal(organization).isPresent()) {
            var account = stripeAccounts.find(organization).map(StripeAccountState::accountId).orElse("");
            Notices.warn(getTranslation("stripeAccount.refused", account));
            return;
        }
        var selection = selectedIds();
        if (selection.isEmpty()) {
            Notices.warn(getTranslation("invoices.bulkAction.selectFirst"));
            return;
        }
        linkActions.open(selection, this::refreshRows, this::deselectLinked);
    }

    /**
     * Invoices that got their link are done; they leave the selection so that what stays selected is what
     * still needs the merchant (failed links, for Retry Failed).
     */
    private void deselectLinked(Collection<BillingInvoice> linked) {
        if (!linked.isEmpty()) {
            grid.asMultiSelect().deselect(linked);
            // they moved from Not Created to Pending Payment
            recount();
        }
    }

    private void checkPayment(BillingInvoice invoice) {
        paymentCheck.start(getUI().orElseThrow(), organization, invoice, id -> refreshRows(List.of(id)));
    }

    /**
     * Shows the given page (clamped to the pages there are) with a fresh total. Page 1 is what a changed
     * list opens at (a filter, a sort, an added invoice), so the options' counts are read again with it;
     * Next and Previous leave them be.
     */
    public void showPage(int requested) {
        if (clearing) {
            return;
        }
        var rows = pager.show(requested, currentQuery());
        if (requested == 0) {
            // read with the page (one pass over a text filter's matches), else on their own
            pager.options().ifPresentOrElse(this::showCounts, this::recount);
        }
        grid.showRows(rows);
        updateEmptyState();
        pageStatus.setText(getTranslation("invoices.pager.page", count(pager.page() + 1), count(pager.pageCount())));
        totalStatus.setText(pager.total() == 1 ? getTranslation("invoices.pager.totalOne")
                : getTranslation("invoices.pager.total", count(pager.total())));
        previous.setEnabled(pager.hasPrevious());
        next.setEnabled(pager.hasNext());
    }

    /** Re-reads the given invoices and redraws their rows, wherever they are shown. */
    void refreshRows(Collection<InvoiceId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        for (var fresh : invoices.findAll(organization, ids)) {
            pager.replace(fresh);
            grid.refreshRow(fresh);
        }
    }

    private void updateSelectionStatus() {
        int selected = grid.getSelectedItems().size();
        selectionStatus.setText(selected == 0 ? ""
                : getTranslation("invoices.selection", count(selected), count(BillingInvoicesGrid.MAX_SELECTION)));
        removeSelections.setEnabled(selected > 0);
    }

    Set<InvoiceId> selectedIds() {
        return grid.selectedIds();
    }

    /** The list as the grid shows it right now: what a page read and the export both use. */
    InvoiceListQuery currentQuery() {
        var onlinePayment = onlinePaymentFilter.getValue();
        return new InvoiceListQuery(filter.getValue(), onlinePayment == null ? OnlinePaymentFilter.ALL : onlinePayment,
                grid.currentSort());
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        var ui = attachEvent.getUI();
        updateRegistration = updates.register(organization, invoice -> ui.access(() -> refreshRows(List.of(invoice))),
                // changes may have gone unheard (the node's listener reconnected): read the shown rows again
                () -> ui.access(() -> refreshRows(pager.rows().stream().map(BillingInvoice::id).toList())));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (updateRegistration != null) {
            updateRegistration.remove();
            updateRegistration = null;
        }
        super.onDetach(detachEvent);
    }
}
