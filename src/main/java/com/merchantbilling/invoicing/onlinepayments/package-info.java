/**
 * The port through which the payments module reports what Stripe did ({@link OnlinePayments}) with its
 * argument and result types. Stripe's side knows invoice ids and link ids only, so these calls are not scoped to
 * a signed-in organization, which is why they are a face of their own that the UI may not use.
 */
@org.springframework.modulith.NamedInterface("online-payments")
package com.merchantbilling.invoicing.onlinepayments;
