package dev.imageservice.api.upload;

import dev.imageservice.api.system.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every {@code POST /v1/images} by outcome in {@code image_service_uploads_total}: {@code
 * outcome=accepted} (202), {@code duplicate} (200, an earlier job of the same Idempotency-Key) or
 * {@code refused} with the problem {@code code} (401 included: it runs before authentication).
 * Thread-safe.
 */
@Component
// Before the security filter chain (order -100), so refusals there (401, 429) are counted too.
@Order(-101)
class UploadMetricsFilter extends OncePerRequestFilter {

  private static final String METRIC = "image_service.uploads";

  private final MeterRegistry meters;

  UploadMetricsFilter(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) && "/v1/images".equals(request.getRequestURI()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    int status = 500;
    try {
      chain.doFilter(request, response);
      status = response.getStatus();
    } finally {
      counter(status).increment();
    }
  }

  private Counter counter(int status) {
    String outcome;
    String code = "none";
    if (status == 202) {
      outcome = "accepted";
    } else if (status < 400) {
      outcome = "duplicate";
    } else {
      outcome = "refused";
      code = Problems.typeFor(status).code();
    }
    return Counter.builder(METRIC)
        .description("Upload requests by outcome and problem code")
        .tag("outcome", outcome)
        .tag("code", code)
        .register(meters);
  }
}
