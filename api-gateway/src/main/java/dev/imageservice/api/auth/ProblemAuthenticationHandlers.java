package dev.imageservice.api.auth;

import dev.imageservice.api.system.ProblemWriter;
import dev.imageservice.common.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The security chain's refusals as RFC 9457 problems: {@code 401 unauthorized} without a valid key
 * (and for an admin key on a tenant route: it is no tenant key), {@code 403 forbidden} for a valid
 * key that may not do this (a tenant's key on {@code /admin}). Thread-safe.
 */
final class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ProblemWriter problems;

  ProblemAuthenticationHandlers(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    Object refusal = request.getAttribute(KeyAuthenticationFilter.REFUSAL);
    String detail =
        refusal != null
            ? refusal.toString()
            : isAdminPath(request)
                ? "Send Authorization: Bearer <admin key>"
                : "Send Authorization: Bearer <api key>";
    problems.write(request, response, ProblemType.UNAUTHORIZED, detail);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller instanceof KeyAuthentication key && key.isAdmin() && !isAdminPath(request)) {
      problems.write(
          request,
          response,
          ProblemType.UNAUTHORIZED,
          "An admin key is not a tenant's API key; send Authorization: Bearer <api key>");
    } else if (isAdminPath(request)) {
      problems.write(
          request, response, ProblemType.FORBIDDEN, "Admin operations need an admin key");
    } else {
      problems.write(request, response, ProblemType.FORBIDDEN, "This key may not do this");
    }
  }

  private static boolean isAdminPath(HttpServletRequest request) {
    String path = request.getServletPath();
    return path.equals("/admin") || path.startsWith("/admin/");
  }
}
