/**
 * Merchant organizations and their users: who signs in and which organization every query is scoped to.
 * Depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organizations", allowedDependencies = {})
package com.merchantbilling.organizations;
