package com.merchantbilling.stripesandbox.internal.checkout;

import java.time.Clock;
import java.time.YearMonth;
import java.util.regex.Pattern;

/** What the hosted page accepts: Stripe's two test cards, a valid expiry and CVC, an optional e-mail. */
final class TestCards {

    static final String SUCCEEDING = "4242424242424242";
    static final String DECLINED = "4000000000000002";

    private static final Pattern EXPIRY = Pattern.compile("\\s*(\\d{1,2})\\s*/\\s*(\\d{2}|\\d{4})\\s*");

    private TestCards() {
    }

    /** Digits only. */
    static String number(String cardNumber) {
        return cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", "");
    }

    /** What the buyer is told is wrong with the entries, or null when they can be charged. */
    static String problem(String number, String expiry, String cvc, String email, Clock clock) {
        if (!number.equals(SUCCEEDING) && !number.equals(DECLINED)) {
            return number.matches("\\d{12,19}")
                    ? "This card number is not a sandbox test card. Use 4242 4242 4242 4242 to pay or "
                            + "4000 0000 0000 0002 to see a decline."
                    : "Your card number is invalid. Use the test card 4242 4242 4242 4242.";
        }
        var expiryMatch = expiry == null ? null : EXPIRY.matcher(expiry);
        if (expiryMatch == null || !expiryMatch.matches()) {
            return "Your card's expiration date is incomplete. Enter it as MM / YY.";
        }
        int month = Integer.parseInt(expiryMatch.group(1));
        int year = Integer.parseInt(expiryMatch.group(2));
        year = year < 100 ? 2000 + year : year;
        if (month < 1 || month > 12) {
            return "Your card's expiration month is invalid.";
        }
        if (YearMonth.of(year, month).isBefore(YearMonth.now(clock))) {
            return "Your card's expiration date is in the past.";
        }
        if (cvc == null || !cvc.strip().matches("\\d{3,4}")) {
            return "Your card's security code is incomplete.";
        }
        if (email != null && !email.isBlank() && !email.strip().matches("[^@\\s]+@[^@\\s]+")) {
            return "Your email address is invalid.";
        }
        return null;
    }
}
