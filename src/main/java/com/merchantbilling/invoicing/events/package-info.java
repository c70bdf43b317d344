/**
 * Everything invoicing publishes: immutable past-tense records, one per change of an invoice's online
 * payment. Listeners in other modules (payments creates links on {@link PaymentLinkRequested}, the UI refreshes)
 * depend on this named interface only, not on invoicing's services.
 */
@org.springframework.modulith.NamedInterface("events")
package com.merchantbilling.invoicing.events;
