package dev.imageservice.api.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Who a client is, for per-client limits: the connection's peer address, or, only when configured
 * as trusted (the API reachable through CloudFront alone), the address in CloudFront's {@code
 * CloudFront-Viewer-Address} header. {@code X-Forwarded-For} is never read: any client can write
 * it. Stateless and thread-safe.
 */
@Component
public class ClientAddresses {

  static final String VIEWER_ADDRESS = "CloudFront-Viewer-Address";

  private final RateLimitProperties properties;

  ClientAddresses(RateLimitProperties properties) {
    this.properties = properties;
  }

  public String of(HttpServletRequest request) {
    if (properties.trustCloudFrontViewerAddress()) {
      String viewer = request.getHeader(VIEWER_ADDRESS);
      if (viewer != null && !viewer.isBlank()) {
        // "198.51.100.10:46532" or "2001:db8::1:46532": the address is all before the last ':'.
        int colon = viewer.lastIndexOf(':');
        return (colon > 0 ? viewer.substring(0, colon) : viewer).trim();
      }
    }
    return request.getRemoteAddr();
  }
}
