package dev.imageservice.api.auth;

import dev.imageservice.api.system.ProblemWriter;
import dev.imageservice.common.apikey.ApiKeyRepository;
import dev.imageservice.common.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every {@code /v1/} request by its {@code Authorization: Bearer <api key>} header
 * and records the key's tenant on the request. A missing or unknown key answers {@code 401} before
 * any request body is read.
 */
@Component
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

  private final Jdbi jdbi;
  private final ApiKeyRepository apiKeys;
  private final ProblemWriter problems;

  ApiKeyAuthenticationFilter(Jdbi jdbi, ApiKeyRepository apiKeys, ProblemWriter problems) {
    this.jdbi = jdbi;
    this.apiKeys = apiKeys;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/v1/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = BearerToken.of(request);
    if (key == null) {
      problems.write(
          request, response, ProblemType.UNAUTHORIZED, "Send Authorization: Bearer <api key>");
      return;
    }
    Optional<String> tenant;
    try {
      tenant = key.isEmpty() ? Optional.empty() : jdbi.withHandle(h -> apiKeys.tenantOf(h, key));
    } catch (RuntimeException e) {
      log.error("API key lookup failed: database unavailable", e);
      problems.write(
          request,
          response,
          ProblemType.SERVICE_UNAVAILABLE,
          "Authentication is temporarily unavailable; retry later");
      return;
    }
    if (tenant.isEmpty()) {
      problems.write(request, response, ProblemType.UNAUTHORIZED, "The API key is not valid");
      return;
    }
    request.setAttribute(Tenant.REQUEST_ATTRIBUTE, new Tenant(tenant.get()));
    chain.doFilter(request, response);
  }
}
