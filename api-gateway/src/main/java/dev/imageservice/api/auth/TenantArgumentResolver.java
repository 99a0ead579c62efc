package dev.imageservice.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets controllers take the authenticated {@link Tenant} as a parameter. */
@Component
class TenantArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Tenant.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer container,
      NativeWebRequest request,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
    Object tenant = servlet == null ? null : servlet.getAttribute(Tenant.REQUEST_ATTRIBUTE);
    if (tenant == null) {
      // Only reachable if a /v1 route were served without the filter: refuse rather than guess.
      throw new IllegalStateException("request reached a controller without authentication");
    }
    return tenant;
  }
}
