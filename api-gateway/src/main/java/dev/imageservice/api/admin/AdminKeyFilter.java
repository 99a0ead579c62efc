package dev.imageservice.api.admin;

import dev.imageservice.api.auth.BearerToken;
import dev.imageservice.api.system.ProblemWriter;
import dev.imageservice.common.apikey.ApiKeyRepository;
import dev.imageservice.common.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/**} with the admin keys: no or an unknown key answers {@code 401}, a
 * tenant's API key {@code 403}; either before any body is read. Thread-safe.
 */
@Component
class AdminKeyFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(AdminKeyFilter.class);

  private final AdminKeys adminKeys;
  private final Jdbi jdbi;
  private final ApiKeyRepository apiKeys;
  private final ProblemWriter problems;

  AdminKeyFilter(AdminKeys adminKeys, Jdbi jdbi, ApiKeyRepository apiKeys, ProblemWriter problems) {
    this.adminKeys = adminKeys;
    this.jdbi = jdbi;
    this.apiKeys = apiKeys;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/admin/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String sent = BearerToken.of(request);
    String key = sent == null ? "" : sent;
    if (!key.isEmpty() && adminKeys.matches(key)) {
      log.info("admin call {} {}", request.getMethod(), request.getRequestURI());
      chain.doFilter(request, response);
    } else if (!key.isEmpty() && isTenantKey(key)) {
      problems.write(
          request, response, ProblemType.FORBIDDEN, "Admin operations need an admin key");
    } else {
      problems.write(
          request, response, ProblemType.UNAUTHORIZED, "Send Authorization: Bearer <admin key>");
    }
  }

  private boolean isTenantKey(String key) {
    try {
      return jdbi.withHandle(h -> apiKeys.tenantOf(h, key)).isPresent();
    } catch (RuntimeException e) {
      // Only the choice between 401 and 403 depends on it: refusing is right either way.
      return false;
    }
  }
}
