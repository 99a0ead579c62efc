package dev.imageservice.api.auth;

import dev.imageservice.api.ratelimit.RateLimits;
import dev.imageservice.api.storage.StorageProperties;
import dev.imageservice.api.system.ProblemWriter;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Who may reach what, decided on the path Spring routes (after the firewall refused every ambiguous
 * spelling of it): tenants' keys for {@code /v1/**}, admin keys for {@code /admin/**}, the
 * console's files and the probes for anyone, and nothing else. The management server (its own port,
 * never routed from the internet) is not guarded here.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  private static final String[] CONSOLE = {
    "/", "/index.html", "/console.js", "/thumbhash.js", "/console.css", "/favicon.ico"
  };
  private static final String[] API_DOCS = {
    "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"
  };

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      KeyLookup lookup,
      RateLimits limits,
      ProblemWriter problems,
      WebSecurityProperties properties,
      StorageProperties storage,
      Environment environment) {
    ProblemAuthenticationHandlers handlers = new ProblemAuthenticationHandlers(problems);
    URI s3Endpoint = environment.getProperty("spring.cloud.aws.s3.endpoint", URI.class);
    String region = environment.getProperty("spring.cloud.aws.region.static");
    String consolePolicy =
        ContentSecurityPolicy.console(
            ContentSecurityPolicy.imageOrigins(properties, storage, s3Endpoint, region),
            ContentSecurityPolicy.uploadOrigins(storage, s3Endpoint, region));
    boolean separateManagement = ManagementPort.isSeparate(environment);
    http.csrf(csrf -> csrf.disable()) // bearer keys, no cookies: nothing for a forged form to use
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(
            new KeyAuthenticationFilter(lookup, limits, problems),
            AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
        .headers(h -> SecurityHeaders.configure(h, consolePolicy, properties.hstsMaxAge()))
        .authorizeHttpRequests(
            a -> {
              a.requestMatchers(SecurityConfig::onManagementServer).permitAll();
              // Errors the container raised (a 400 for a malformed request line) render as
              // problems.
              a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
              a.requestMatchers("/error").permitAll();
              a.requestMatchers("/v1/**").hasRole(KeyAuthentication.TENANT);
              a.requestMatchers("/admin/**").hasRole(KeyAuthentication.ADMIN);
              permitReads(a, CONSOLE);
              permitReads(a, "/livez", "/readyz");
              // Served only where springdoc is switched on (the local launcher); 404 otherwise.
              permitReads(a, API_DOCS);
              if (separateManagement) {
                // Nothing is served there on this port: let the 404 through rather than a 401.
                permitReads(a, "/actuator", "/actuator/**");
              }
              a.anyRequest().denyAll();
            });
    return http.build();
  }

  /** Refuses {@code ;}, encoded {@code /} {@code \} {@code .} {@code %}, {@code //}, {@code ..}. */
  @Bean
  HttpFirewall httpFirewall() {
    return new StrictHttpFirewall();
  }

  private static void permitReads(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a,
      String... paths) {
    a.requestMatchers(HttpMethod.GET, paths).permitAll();
    a.requestMatchers(HttpMethod.HEAD, paths).permitAll();
  }

  private static boolean onManagementServer(jakarta.servlet.http.HttpServletRequest request) {
    var context = WebApplicationContextUtils.getWebApplicationContext(request.getServletContext());
    return context instanceof WebServerApplicationContext server
        && "management".equals(server.getServerNamespace());
  }
}
