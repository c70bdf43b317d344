package com.merchantbilling.mailcatcher;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * {@code /mail-catcher}: what the application sent, as the mail catcher received it, newest first. Behind the
 * merchant sign-in like every other page (it shows buyers' addresses), and labelled on every view as a local
 * stand-in that delivered nothing.
 */
@RestController
@ConditionalOnBooleanProperty(MailCatcher.ENABLED)
class MailCatcherPage {

    static final String PATH = "/mail-catcher";

    /**
     * Its own chain ahead of the merchant chain (like the Stripe sandbox's): a signed-in user sees the page, anyone
     * else gets a 401 rather than Vaadin's handling of a path that is not one of its routes.
     */
    @org.springframework.context.annotation.Bean
    @org.springframework.core.annotation.Order(2)
    org.springframework.security.web.SecurityFilterChain mailCatcherSecurityFilterChain(
            org.springframework.security.config.annotation.web.builders.HttpSecurity http) throws Exception {
        return http.securityMatcher(PATH, PATH + "/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(org.springframework.security.config.Customizer.withDefaults())
                .build();
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String page() throws Exception {
        // GreenMail lists messages by mailbox: newest first by the time it received them
        var messages = new ArrayList<>(MailCatcher.messages());
        Collections.reverse(messages);
        messages.sort(java.util.Comparator.comparing((MimeMessage m) -> received(m)).reversed());
        var html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mail catcher (local stand-in)</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 0; color: #1a2433; }
                .banner { background: #fff4ce; border-bottom: 2px solid #e0b400; padding: 12px 24px; }
                .banner strong { font-size: 1.15em; }
                main { padding: 16px 24px; }
                table { border-collapse: collapse; width: 100%; }
                th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #dde2ea; vertical-align: top; }
                th { background: #f3f5f8; }
                pre { white-space: pre-wrap; margin: 4px 0 0; font-family: ui-monospace, monospace; font-size: 0.9em; }
                details summary { cursor: pointer; }
                </style></head><body>
                <div class="banner" id="mail-catcher-banner"><strong>Mail catcher: a local stand-in for an SMTP server
                / メールキャッチャー（ローカルの代替 SMTP サーバー）</strong><br>
                Every email the application sent in this developer run is shown here; none reached a real mailbox.
                Off unless asked for (mail-catcher.enabled), on the test classpath only: never in production.
                Set SPRING_MAIL_HOST (and _PORT, _USERNAME, _PASSWORD) for a real mail server.<br>
                この開発用実行で送信したメールをここに表示します。実際の受信箱には届きません。本番環境では動作しません。</div>
                <main>""");
        html.append("<p id=\"mail-catcher-count\">").append(messages.size()).append(messages.size() == 1 ? " message" : " messages")
                .append(" received (newest first) / 受信 ").append(messages.size()).append(" 件</p>");
        html.append("<table id=\"mail-catcher-messages\"><thead><tr><th>Received</th><th>From</th><th>To</th>"
                + "<th>Subject / Body</th></tr></thead><tbody>");
        var times = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
        for (MimeMessage message : messages) {
            html.append("<tr class=\"mail\"><td>")
                    .append(message.getReceivedDate() == null ? "" : times.format(message.getReceivedDate().toInstant()))
                    .append("</td><td>").append(escape(join(message.getFrom())))
                    .append("</td><td class=\"to\">").append(escape(join(message.getRecipients(Message.RecipientType.TO))))
                    .append("</td><td><details><summary class=\"subject\">").append(escape(message.getSubject()))
                    .append("</summary><pre class=\"body\">").append(escape(String.valueOf(message.getContent())))
                    .append("</pre></details></td></tr>");
        }
        html.append("</tbody></table></main></body></html>");
        return html.toString();
    }

    private static java.util.Date received(MimeMessage message) {
        try {
            return message.getReceivedDate() == null ? new java.util.Date(0) : message.getReceivedDate();
        } catch (jakarta.mail.MessagingException e) {
            return new java.util.Date(0);
        }
    }

    private static String join(jakarta.mail.Address[] addresses) {
        if (addresses == null) {
            return "";
        }
        var parts = new ArrayList<String>();
        for (var address : addresses) {
            parts.add(address.toString());
        }
        return String.join(", ", parts);
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
