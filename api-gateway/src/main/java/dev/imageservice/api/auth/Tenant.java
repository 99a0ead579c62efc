package dev.imageservice.api.auth;

/** The tenant an authenticated request acts for. */
public record Tenant(String id) implements java.io.Serializable {

  static final String REQUEST_ATTRIBUTE = Tenant.class.getName();
}
