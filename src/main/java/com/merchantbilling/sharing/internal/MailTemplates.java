package com.merchantbilling.sharing.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.merchantbilling.sharing.BuyerLanguage;
import com.merchantbilling.sharing.MessageKind;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * The buyers' emails from the Mustache templates {@code mail/<kind>.<language>.mustache} (plain text, readable
 * and editable in the repository): the first line is {@code Subject: ...}, the rest after a blank line the body.
 * Values are inserted as written (no HTML escaping: the mails are text/plain).
 */
@Component
class MailTemplates {

    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).strictSections(true);
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    record Mail(String subject, String body) {
    }

    /** The fields every template may use. */
    record Values(String organization, String buyerName, String invoiceNumber, String amount, String dueDate,
            String url) {
    }

    Mail render(MessageKind kind, BuyerLanguage language, Values values) {
        String text = template(kind, language).execute(values);
        int end = text.indexOf('\n');
        String first = text.substring(0, end).strip();
        if (!first.startsWith("Subject:")) {
            throw new IllegalStateException("template " + name(kind, language) + " must start with 'Subject:'");
        }
        return new Mail(first.substring("Subject:".length()).strip(), text.substring(end + 1).stripLeading());
    }

    /** Amounts as the invoice bills them (minor units of its currency), dates in the buyer's language. */
    static Values values(String organization, String buyerName, String invoiceNumber,
            com.merchantbilling.invoicing.Money amount, java.time.LocalDate dueDate, String url, BuyerLanguage language) {
        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language.locale());
        return new Values(organization, buyerName, invoiceNumber, amount.format(language.locale()),
                dates.format(dueDate), url);
    }

    private Template template(MessageKind kind, BuyerLanguage language) {
        return templates.computeIfAbsent(name(kind, language), name -> {
            var resource = new ClassPathResource("mail/" + name);
            try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                return compiler.compile(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("mail template " + name, e);
            }
        });
    }

    private static String name(MessageKind kind, BuyerLanguage language) {
        return (kind == MessageKind.PAYMENT_LINK ? "payment-link" : "reminder") + "." + language.code() + ".mustache";
    }
}
