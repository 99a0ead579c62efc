package dev.imageservice.api.auth;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller authenticated by a bearer key: a tenant ({@code ROLE_TENANT}, with its {@link Tenant})
 * or an operator ({@code ROLE_ADMIN}). Never carries the key itself. Immutable.
 */
public final class KeyAuthentication extends AbstractAuthenticationToken {

  static final String TENANT = "TENANT";
  static final String ADMIN = "ADMIN";

  private final @Nullable Tenant tenant;

  private KeyAuthentication(@Nullable Tenant tenant, String role) {
    super(List.of(new SimpleGrantedAuthority("ROLE_" + role)));
    this.tenant = tenant;
    setAuthenticated(true);
  }

  static KeyAuthentication tenant(String tenantId) {
    return new KeyAuthentication(new Tenant(tenantId), TENANT);
  }

  static KeyAuthentication admin() {
    return new KeyAuthentication(null, ADMIN);
  }

  /** The tenant, or null for an admin key. */
  public @Nullable Tenant tenant() {
    return tenant;
  }

  boolean isAdmin() {
    return tenant == null;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return tenant == null ? "admin" : tenant.id();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyAuthentication k && java.util.Objects.equals(tenant, k.tenant);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(tenant);
  }
}
