package dev.imageservice.api.quota;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the upload quotas in front of the upload endpoints (and only those). */
@Configuration(proxyBeanMethods = false)
class QuotaWebConfig implements WebMvcConfigurer {

  private final UploadQuotaInterceptor interceptor;

  QuotaWebConfig(UploadQuotaInterceptor interceptor) {
    this.interceptor = interceptor;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // /v1/uploads is the direct-upload flow's creation endpoint: an upload as much as a POST body.
    registry.addInterceptor(interceptor).addPathPatterns("/v1/images", "/v1/uploads");
  }
}
