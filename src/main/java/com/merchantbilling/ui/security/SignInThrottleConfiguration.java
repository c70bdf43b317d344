package com.merchantbilling.ui.security;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationListener;
import org.springframework.core.convert.converter.Converter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

@Configuration(proxyBeanMethods = false)
class SignInThrottleConfiguration {

    /** Reads a limit written {@code 5/150s} in the properties. */
    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, SignInThrottleProperties.Limit> signInLimitConverter() {
        return SignInThrottleProperties.Limit::parse;
    }

    @Bean
    SignInThrottle signInThrottle(DataSource dataSource, SignInThrottleProperties properties) {
        var buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("sign_in_buckets")
                .idColumn("id")
                .stateColumn("state")
                .build();
        return new SignInThrottle(buckets, properties);
    }

    /**
     * Counts each wrong password (and unknown or disabled username: Spring Security reports all three as bad
     * credentials) against the username and the address it came from. Spring Boot's authentication event
     * publisher sends the event from the sign-in's authentication manager.
     */
    @Bean
    ApplicationListener<AuthenticationFailureBadCredentialsEvent> countFailedSignIns(SignInThrottle throttle) {
        return failure -> {
            var authentication = failure.getAuthentication();
            String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                    ? details.getRemoteAddress() : null;
            if (address != null) {
                throttle.failed(authentication.getName(), address);
            }
        };
    }
}
