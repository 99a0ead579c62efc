package dev.imageservice.api.quota;

import dev.imageservice.api.auth.Tenant;
import dev.imageservice.api.ratelimit.Decision;
import dev.imageservice.api.ratelimit.RateLimits;
import dev.imageservice.api.system.ProblemWriter;
import dev.imageservice.common.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses an upload over the tenant's quotas with {@code 429}, before its body is read: over the
 * uploads per minute ({@code too_many_requests}, with {@code Retry-After} and {@code RateLimit-*}
 * of the upload bucket) or over the stored bytes ({@code quota_exceeded}; the {@code RateLimit-*}
 * headers then count bytes). An allowed upload carries the upload bucket's {@code RateLimit-*}
 * headers, which replace the request rate's (the tighter of the two for uploads). Registered for
 * the upload paths only ({@link QuotaWebConfig}).
 */
@Component
class UploadQuotaInterceptor implements HandlerInterceptor {

  private final UploadQuota quota;
  private final ProblemWriter problems;

  UploadQuotaInterceptor(UploadQuota quota, ProblemWriter problems) {
    this.quota = quota;
    this.problems = problems;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (!quota.enabled() || !"POST".equals(request.getMethod())) {
      return true;
    }
    Object attribute = request.getAttribute(Tenant.class.getName());
    if (!(attribute instanceof Tenant tenant)) {
      return true; // not a tenant's request: authentication answers it
    }
    UploadQuota.StorageRefusal full =
        quota.checkStorage(tenant.id(), request.getContentLengthLong());
    if (full != null) {
      response.setHeader("RateLimit-Limit", Long.toString(full.quotaBytes()));
      response.setHeader("RateLimit-Remaining", Long.toString(full.remainingBytes()));
      response.setHeader("RateLimit-Reset", Long.toString(full.retryAfterSeconds()));
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(full.retryAfterSeconds()));
      problems.write(
          request,
          response,
          ProblemType.QUOTA_EXCEEDED,
          "Stored bytes quota of "
              + full.quotaBytes()
              + " bytes reached; delete jobs to free space");
      return false;
    }
    Decision uploads = quota.takeUpload(tenant.id());
    RateLimits.writeHeaders(uploads, response);
    if (!uploads.allowed()) {
      problems.write(
          request,
          response,
          ProblemType.TOO_MANY_REQUESTS,
          "Upload quota of "
              + uploads.limit()
              + " per minute reached; retry after "
              + uploads.retryAfterSeconds()
              + " s");
      return false;
    }
    return true;
  }
}
