package dev.imageservice.api.auth;

import dev.imageservice.api.ratelimit.Decision;
import dev.imageservice.api.ratelimit.RateLimits;
import dev.imageservice.api.system.ProblemWriter;
import dev.imageservice.common.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a request's {@code Authorization: Bearer <key>} into a {@link KeyAuthentication}, inside
 * the security filter chain (which alone decides what each caller may reach). Reads no body and no
 * parameter. An unknown key counts against the client's failed-authentication limit; past it the
 * client gets 429 before any lookup. A request whose tenant is known then takes one of the tenant's
 * requests (429 when none is left). Not a bean: a filter bean would also run outside the chain.
 * Thread-safe.
 */
class KeyAuthenticationFilter extends OncePerRequestFilter {

  /** Request attribute: why the key was refused, for the 401 answer. */
  static final String REFUSAL = KeyAuthenticationFilter.class.getName() + ".refusal";

  private static final Logger log = LoggerFactory.getLogger(KeyAuthenticationFilter.class);

  private final KeyLookup lookup;
  private final RateLimits limits;
  private final ProblemWriter problems;

  KeyAuthenticationFilter(KeyLookup lookup, RateLimits limits, ProblemWriter problems) {
    this.lookup = lookup;
    this.limits = limits;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = BearerToken.of(request);
    if (key == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<KeyAuthentication> caller;
    try {
      caller = key.isEmpty() ? Optional.empty() : lookup.authenticate(key);
    } catch (RuntimeException e) {
      log.error("API key lookup failed: database unavailable", e);
      problems.write(
          request,
          response,
          ProblemType.SERVICE_UNAVAILABLE,
          "Authentication is temporarily unavailable; retry later");
      return;
    }
    if (caller.isEmpty()) {
      Decision failures = limits.failedAuthentication(request);
      if (!failures.allowed()) {
        RateLimits.writeHeaders(failures, response);
        problems.write(
            request, response, ProblemType.TOO_MANY_REQUESTS, "Too many invalid API keys");
        return;
      }
      request.setAttribute(REFUSAL, "The API key is not valid");
      chain.doFilter(request, response);
      return;
    }
    Tenant tenant = caller.get().tenant();
    if (tenant != null) {
      Decision quota = limits.tenantRequest(tenant.id());
      RateLimits.writeHeaders(quota, response);
      if (!quota.allowed()) {
        problems.write(
            request,
            response,
            ProblemType.TOO_MANY_REQUESTS,
            "Request rate limit exceeded; retry after " + quota.retryAfterSeconds() + " s");
        return;
      }
      request.setAttribute(Tenant.REQUEST_ATTRIBUTE, tenant);
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(caller.get());
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
  }
}
