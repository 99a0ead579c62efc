package dev.imageservice.api.auth;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AuthWebConfig implements WebMvcConfigurer {

  private final TenantArgumentResolver tenantArgumentResolver;

  AuthWebConfig(TenantArgumentResolver tenantArgumentResolver) {
    this.tenantArgumentResolver = tenantArgumentResolver;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(tenantArgumentResolver);
  }
}
