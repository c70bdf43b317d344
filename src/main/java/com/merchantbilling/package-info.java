/**
 * Merchant Billing, a modular monolith verified by Spring Modulith (see docs/architecture.md). Each direct
 * sub-package is a module whose {@code package-info.java} names what it owns and which modules it may use; this
 * package holds only the application class and cross-cutting operations wiring (actuator security, the event
 * publication monitor, start-up failure analysis), which belong to no module.
 */
package com.merchantbilling;
