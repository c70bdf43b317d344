/**
 * Demo data for the developer run (on with {@code merchantbilling.demo-data.enabled}): fills an empty
 * database through the other modules' APIs only, so it never gets ahead of what the application allows.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data", allowedDependencies = {
        "organizations", "invoicing", "payments" })
package com.merchantbilling.demo;
