package dev.imageservice.api.system;

import dev.imageservice.common.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A request the firewall refused (a {@code ;}, an encoded {@code /} or {@code .}, {@code //}...)
 * answers {@code 400 malformed_request} as a problem, never the container's HTML page or a 500. It
 * is refused before the security chain's header writers run, so it writes the same protective
 * headers itself. Thread-safe.
 */
@Component
class ProblemRequestRejectedHandler implements RequestRejectedHandler {

  private final ProblemWriter problems;

  ProblemRequestRejectedHandler(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    problems.write(
        request,
        response,
        ProblemType.MALFORMED_REQUEST,
        "The request path is not in canonical form (no ';', encoded '/', '.', '%' or '\\\\', or"
            + " empty segments)");
  }
}
