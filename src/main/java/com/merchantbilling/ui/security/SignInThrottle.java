package com.merchantbilling.ui.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * Failed sign-ins per username and per client address, in Bucket4j buckets kept in PostgreSQL
 * ({@code sign_in_buckets}, V23), so every node counts the same attempts. A failure takes a token from both
 * buckets, an attempt held back one from the address's; an attempt is let through only while both have one. The
 * wait grows with the failures: each bucket has limits of falling rates (see {@link SignInThrottleProperties}). Unknown usernames get buckets like known ones,
 * so the throttle tells nobody which names exist. Keys are SHA-256 hashes: a password typed into the username
 * field never lands in the table.
 */
class SignInThrottle {

    private final ProxyManager<String> buckets;
    private final BucketConfiguration perUser;
    private final BucketConfiguration perAddress;

    SignInThrottle(ProxyManager<String> buckets, SignInThrottleProperties properties) {
        this.buckets = buckets;
        this.perUser = configuration(properties.perUser());
        this.perAddress = configuration(properties.perAddress());
    }

    /** How long the attempt must wait: zero when both the username and the address have attempts left. */
    Duration waitBefore(String username, String address) {
        long nanos = Math.max(waitNanos(userKey(username), perUser), waitNanos(addressKey(address), perAddress));
        return Duration.ofNanos(nanos);
    }

    void failed(String username, String address) {
        buckets.builder().build(userKey(username), () -> perUser).tryConsume(1);
        buckets.builder().build(addressKey(address), () -> perAddress).tryConsume(1);
    }

    /**
     * An attempt held back: it counts against its address (someone trying name after name from there, or the same
     * one again and again), not against the username, whose owner would otherwise stay locked out by whoever
     * keeps guessing it.
     */
    void heldBack(String address) {
        buckets.builder().build(addressKey(address), () -> perAddress).tryConsume(1);
    }

    /** For the operator and the tests: whether this username alone is being held back now. */
    boolean userThrottled(String username) {
        return waitNanos(userKey(username), perUser) > 0;
    }

    boolean addressThrottled(String address) {
        return waitNanos(addressKey(address), perAddress) > 0;
    }

    private long waitNanos(String key, BucketConfiguration configuration) {
        var probe = buckets.builder().build(key, () -> configuration).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
    }

    private static BucketConfiguration configuration(List<SignInThrottleProperties.Limit> limits) {
        var builder = BucketConfiguration.builder();
        for (var limit : limits) {
            builder.addLimit(Bandwidth.builder().capacity(limit.attempts())
                    .refillGreedy(limit.attempts(), limit.period()).build());
        }
        return builder.build();
    }

    private static String userKey(String username) {
        return "user:" + sha256(username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + sha256(address == null ? "" : address);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
