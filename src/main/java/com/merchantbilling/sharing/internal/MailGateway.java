package com.merchantbilling.sharing.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import com.merchantbilling.sharing.DeliveryStatus;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Hands one email to the SMTP server through Spring Boot's mail support ({@code spring.mail.*}) and says how that
 * ended: accepted, refused (the server's own reply as the reason), or unavailable (not reached, or a 4xx "try
 * later" reply), which is worth a retry.
 */
@Component
class MailGateway {

    private static final Logger log = LoggerFactory.getLogger(MailGateway.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final SharingProperties properties;

    MailGateway(ObjectProvider<JavaMailSender> sender, SharingProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    record Result(DeliveryStatus status, Optional<String> detail) {
        static Result sent() {
            return new Result(DeliveryStatus.SENT, Optional.empty());
        }
    }

    /** A syntactically valid single address (RFC 822, strict): what we may hand to the server at all. */
    static boolean wellFormed(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            var parsed = new InternetAddress(address.strip(), true);
            parsed.validate();
            // a bare local part ("someone") is valid RFC 822 but reaches no buyer
            return parsed.getAddress().contains("@") && parsed.getPersonal() == null;
        } catch (AddressException e) {
            return false;
        }
    }

    Result send(String to, MailTemplates.Mail mail) {
        var mailSender = sender.getIfAvailable();
        if (mailSender == null) {
            return new Result(DeliveryStatus.UNAVAILABLE, Optional.of("No mail server configured (SPRING_MAIL_HOST)"));
        }
        try {
            var message = mailSender.createMimeMessage();
            var helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(to.strip());
            helper.setSubject(mail.subject());
            helper.setText(mail.body(), false);
            mailSender.send(message);
            return Result.sent();
        } catch (MessagingException e) {
            return new Result(DeliveryStatus.REFUSED, Optional.of(reason(e)));
        } catch (MailAuthenticationException e) {
            // our credentials, not the buyer: fixing the configuration and retrying sends it
            return new Result(DeliveryStatus.UNAVAILABLE, Optional.of(reason(e)));
        } catch (MailException e) {
            return classify(e);
        }
    }

    /**
     * Spring's JavaMailSenderImpl wraps a failed connection and a failed send alike in MailSendException; the
     * cause tells them apart. Jakarta Mail (Angus) reports a server's reply to RCPT/DATA as SendFailedException
     * (SMTPAddressFailedException, SMTPSendFailedException carrying the reply code): a 5xx reply is a refusal,
     * a 4xx reply is transient (RFC 5321 4.2.1) like a connection that failed.
     */
    private Result classify(MailException e) {
        var refusal = find(e, SendFailedException.class);
        if (refusal.isPresent()) {
            int code = replyCode(refusal.get());
            var status = code >= 400 && code < 500 ? DeliveryStatus.UNAVAILABLE : DeliveryStatus.REFUSED;
            return new Result(status, Optional.of(reason(refusal.get())));
        }
        if (e instanceof MailSendException) {
            log.warn("Mail server unavailable: {}", reason(e));
            return new Result(DeliveryStatus.UNAVAILABLE, Optional.of("Mail server unavailable: " + reason(e)));
        }
        return new Result(DeliveryStatus.UNAVAILABLE, Optional.of(reason(e)));
    }

    /**
     * The reply code of the innermost failure that carries the server's reply: Angus Mail's
     * SMTPAddressFailedException / SMTPSendFailedException put the reply line ("550 5.1.1 ...") in their message
     * (Angus is the runtime implementation only, so its types are not compiled against here).
     */
    private static int replyCode(Throwable failure) {
        int code = -1;
        for (Throwable t = failure; t != null; t = nextOf(t)) {
            var matcher = t.getMessage() == null ? null : REPLY.matcher(t.getMessage().strip());
            if (matcher != null && matcher.lookingAt()) {
                code = Integer.parseInt(matcher.group(1));
            }
        }
        return code;
    }

    private static final java.util.regex.Pattern REPLY = java.util.regex.Pattern.compile("([2-5]\\d\\d)[ -]");

    private static Throwable nextOf(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = nextOf(t)) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        if (failure instanceof MailSendException send) {
            for (var nested : send.getFailedMessages().values()) {
                var found = find(nested, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The innermost message that says something (the server's reply line for a refusal). */
    private static String reason(Throwable failure) {
        String reason = failure.getMessage();
        for (Throwable t = failure; t != null; t = nextOf(t)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
        }
        reason = reason == null ? failure.getClass().getSimpleName() : reason.strip();
        return reason.length() > 900 ? reason.substring(0, 900) : reason;
    }
}
