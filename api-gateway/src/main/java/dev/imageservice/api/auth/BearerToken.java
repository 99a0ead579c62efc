package dev.imageservice.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Reads the key of an {@code Authorization: Bearer <key>} header; the one parser both key filters
 * use.
 */
public final class BearerToken {

  private static final String BEARER = "Bearer ";

  private BearerToken() {}

  /**
   * The key sent with the request, trimmed (possibly empty), or null when there is no bearer {@code
   * Authorization} header at all.
   */
  public static @Nullable String of(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return header.substring(BEARER.length()).trim();
  }
}
