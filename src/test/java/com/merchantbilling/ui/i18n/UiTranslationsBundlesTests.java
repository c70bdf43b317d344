package com.merchantbilling.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.merchantbilling.invoicing.PaymentLinkRequests.Ineligibility;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.payments.AddOn;

/** Both bundles say the same things: the same keys, no empty text, the same placeholders. */
class UiTranslationsBundlesTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    private final Properties english = load("i18n/messages.properties");
    private final Properties japanese = load("i18n/messages_ja.properties");
    private final UiTranslations translations = new UiTranslations();

    @Test
    void everyKeyIsInBothLanguages() {
        assertThat(japanese.stringPropertyNames()).as("keys without Japanese")
                .containsAll(english.stringPropertyNames());
        assertThat(english.stringPropertyNames()).as("keys without English")
                .containsAll(japanese.stringPropertyNames());
        assertThat(english).isNotEmpty();
    }

    @Test
    void noTextIsEmpty() {
        for (var bundle : new Properties[] {english, japanese}) {
            assertThat(bundle.stringPropertyNames()).allSatisfy(key ->
                    assertThat(bundle.getProperty(key)).as(key).isNotBlank());
        }
    }

    @Test
    void bothLanguagesUseTheSamePlaceholdersAndValidPatterns() {
        for (var key : english.stringPropertyNames()) {
            assertThat(placeholders(japanese.getProperty(key, ""))).as(key)
                    .isEqualTo(placeholders(english.getProperty(key)));
            new MessageFormat(english.getProperty(key), Locale.ENGLISH);
            new MessageFormat(japanese.getProperty(key, ""), Locale.JAPANESE);
        }
    }

    @Test
    void everyEnumTheUiShowsHasATextInBothLanguages() {
        var keys = new TreeSet<String>();
        for (var status : OnlinePaymentStatus.values()) {
            keys.add("status." + status.name());
        }
        for (var reason : Ineligibility.values()) {
            keys.add("ineligibility." + reason.name());
        }
        for (var addOn : AddOn.values()) {
            keys.add("addOn." + addOn.name());
        }
        assertThat(english.stringPropertyNames()).containsAll(keys);
        assertThat(japanese.stringPropertyNames()).containsAll(keys);
        // the English texts are the ones the domain has always shown
        for (var status : OnlinePaymentStatus.values()) {
            assertThat(english.getProperty("status." + status.name())).isEqualTo(status.label());
        }
        for (var reason : Ineligibility.values()) {
            assertThat(english.getProperty("ineligibility." + reason.name())).isEqualTo(reason.reason());
        }
        for (var addOn : AddOn.values()) {
            assertThat(english.getProperty("addOn." + addOn.name())).isEqualTo(addOn.label());
        }
    }

    @Test
    void japaneseForJapaneseAndEnglishForEveryOtherLanguage() {
        assertThat(translations.getTranslation("grid.invoiceNumber", Locale.JAPAN)).isEqualTo("請求書番号");
        assertThat(translations.getTranslation("grid.invoiceNumber", Locale.JAPANESE)).isEqualTo("請求書番号");
        assertThat(translations.getTranslation("grid.invoiceNumber", Locale.GERMANY)).isEqualTo("Invoice Number");
        assertThat(translations.getTranslation("grid.invoiceNumber", Locale.of("fr"))).isEqualTo("Invoice Number");
        assertThat(translations.getTranslation("invoices.pager.page", Locale.US, "1", "3")).isEqualTo("Page 1 of 3");
        assertThat(translations.getTranslation("invoices.pager.page", Locale.JAPAN, "1", "3"))
                .isEqualTo("3ページ中1ページ目");
        assertThat(translations.getTranslation("links.notProcessedSummary", Locale.ENGLISH, "8",
                "Billing amount is 0 or less (6), Already paid (2)"))
                .isEqualTo("8 selected invoices were not processed: Billing amount is 0 or less (6), Already paid (2).");
        assertThat(translations.getTranslation("links.reasonSeparator", Locale.ENGLISH)).isEqualTo(", ");
        assertThat(translations.getProvidedLocales()).containsExactly(UiTranslations.ENGLISH, UiTranslations.JAPANESE);
    }

    @Test
    void countsReadAsPluralsInEnglishAndPlainCountsInJapanese() {
        var translations = new UiTranslations();
        assertThat(translations.getTranslation("links.willCreate", Locale.ENGLISH, 1L))
                .startsWith("1 card-only payment link will be created.");
        assertThat(translations.getTranslation("links.willCreate", Locale.ENGLISH, 2L))
                .startsWith("2 card-only payment links will be created.");
        assertThat(translations.getTranslation("links.willCreate", Locale.ENGLISH, 1000L))
                .startsWith("1000 card-only payment links will be created.");
        assertThat(translations.getTranslation("links.created", Locale.ENGLISH, 1L)).isEqualTo("1 payment link created.");
        assertThat(translations.getTranslation("links.created", Locale.ENGLISH, 0L)).isEqualTo("No payment links created.");
        assertThat(translations.getTranslation("links.created", Locale.ENGLISH, 12L)).isEqualTo("12 payment links created.");
        assertThat(translations.getTranslation("links.createdFailed", Locale.ENGLISH, 1L, 3L))
                .isEqualTo("1 payment link created, 3 failed.");
        assertThat(translations.getTranslation("links.willCreate", Locale.JAPANESE, 1000L))
                .startsWith("カード決済専用の決済リンクを1000件作成します。");
        assertThat(translations.getTranslation("links.created", Locale.JAPANESE, 1L)).isEqualTo("決済リンクを1件作成しました。");
        assertThat(translations.getTranslation("links.createdFailed", Locale.JAPANESE, 1L, 3L))
                .isEqualTo("決済リンクを1件作成、3件失敗しました。");
        assertThat(translations.getTranslation("links.done", Locale.ENGLISH)).isEqualTo("Payment link creation finished");
        assertThat(translations.getTranslation("links.done", Locale.JAPANESE)).isEqualTo("決済リンクの作成が終わりました");
        assertThat(translations.getTranslation("ineligibility.AMOUNT_NOT_POSITIVE.creditNote", Locale.ENGLISH))
                .isEqualTo("Credit note (negative amount)");
        assertThat(translations.getTranslation("ineligibility.AMOUNT_NOT_POSITIVE.zero", Locale.JAPANESE))
                .isEqualTo("請求金額が0です");
        assertThat(translations.getTranslation("invoices.empty.noMatch", Locale.ENGLISH, "zz"))
                .isEqualTo("No invoices match \u201czz\u201d.");
        assertThat(translations.getTranslation("invoices.empty.noMatch", Locale.JAPANESE, "zz"))
                .isEqualTo("「zz」に一致する請求書はありません。");
        assertThat(translations.getTranslation("invoices.addOnNotice.howToGet", Locale.ENGLISH, "X"))
                .contains("organization's Owner");
        assertThat(translations.getTranslation("invoices.addOnNotice.howToGet", Locale.JAPANESE, "X"))
                .contains("組織のオーナー");
    }

    private static Set<String> placeholders(String pattern) {
        var found = new TreeSet<String>();
        var matcher = PLACEHOLDER.matcher(pattern);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Properties load(String resource) {
        var properties = new Properties();
        try (var in = UiTranslationsBundlesTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return properties;
    }
}
