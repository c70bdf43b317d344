package com.merchantbilling.sharing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.merchantbilling.sharing.DeliveryStatus;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * How a mail server's answer becomes a result: a 5xx reply to RCPT is a refusal with the server's words, a 4xx
 * reply and a server that cannot be reached are worth a retry (RFC 5321 4.2.1), no server configured likewise.
 */
class MailGatewayTests {

    private static final MailTemplates.Mail MAIL = new MailTemplates.Mail("Subject", "Body");
    private final SharingProperties properties = new SharingProperties("billing@example.com", Duration.ofHours(1));

    @Test
    void aPermanentRecipientRefusalIsRefusedWithTheServersReply() throws Exception {
        var result = gateway(failingWith(recipientRefused(550, "550 5.1.1 <nobody@example.com>: user unknown")))
                .send("nobody@example.com", MAIL);
        assertThat(result.status()).isEqualTo(DeliveryStatus.REFUSED);
        assertThat(result.detail()).hasValueSatisfying(d -> assertThat(d).contains("550 5.1.1", "user unknown"));
    }

    @Test
    void aTransientReplyIsUnavailableSoThatARetryMaySendIt() throws Exception {
        var result = gateway(failingWith(recipientRefused(451, "451 4.3.0 try again later")))
                .send("later@example.com", MAIL);
        assertThat(result.status()).isEqualTo(DeliveryStatus.UNAVAILABLE);
        assertThat(result.detail()).hasValueSatisfying(d -> assertThat(d).contains("451"));
    }

    @Test
    void aServerNobodyListensOnIsUnavailable() {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(com.merchantbilling.support.FreePort.find());
        var result = gateway(sender).send("buyer@example.com", MAIL);
        assertThat(result.status()).isEqualTo(DeliveryStatus.UNAVAILABLE);
        assertThat(result.detail()).hasValueSatisfying(d -> assertThat(d).containsIgnoringCase("refused"));
    }

    @Test
    void noMailServerConfiguredIsUnavailableAndSaysWhatToSet() {
        var result = new MailGateway(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), properties)
                .send("buyer@example.com", MAIL);
        assertThat(result).isEqualTo(new MailGateway.Result(DeliveryStatus.UNAVAILABLE,
                Optional.of("No mail server configured (SPRING_MAIL_HOST)")));
    }

    @Test
    void onlySingleWellFormedAddressesAreHandedToTheServer() {
        assertThat(MailGateway.wellFormed("buyer@example.com")).isTrue();
        assertThat(MailGateway.wellFormed(" buyer@example.co.jp ")).isTrue();
        assertThat(MailGateway.wellFormed("not an address@")).isFalse();
        assertThat(MailGateway.wellFormed("buyer")).isFalse();
        assertThat(MailGateway.wellFormed("a@example.com, b@example.com")).isFalse();
        assertThat(MailGateway.wellFormed("Buyer <buyer@example.com>")).isFalse();
        assertThat(MailGateway.wellFormed("")).isFalse();
        assertThat(MailGateway.wellFormed(null)).isFalse();
    }

    private MailGateway gateway(JavaMailSender sender) {
        var factory = new StaticListableBeanFactory(Map.of("mailSender", sender));
        return new MailGateway(factory.getBeanProvider(JavaMailSender.class), properties);
    }

    /** What Angus Mail throws for a refused RCPT, wrapped as JavaMailSenderImpl wraps it. */
    private static MessagingException recipientRefused(int code, String reply) throws Exception {
        var address = new InternetAddress("nobody@example.com");
        var refusal = new SMTPAddressFailedException(address, "RCPT TO:<nobody@example.com>", code, reply);
        var failed = new SendFailedException("Invalid Addresses", refusal);
        return failed;
    }

    private static JavaMailSender failingWith(MessagingException failure) {
        return new JavaMailSenderImpl() {
            @Override
            public void send(MimeMessage... messages) {
                throw new MailSendException(Map.of(messages[0], failure));
            }
        };
    }
}
