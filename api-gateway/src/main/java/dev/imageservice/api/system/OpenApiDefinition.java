package dev.imageservice.api.system;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's header and its two bearer schemes: a tenant's API key for {@code /v1}, an
 * operator's admin key for {@code /admin}.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info = @Info(title = "image-service", version = "v1"),
    security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(
    name = "apiKey",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "A tenant's API key: Authorization: Bearer <api key>")
@SecurityScheme(
    name = "adminKey",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "An operator's admin key (image-service.admin.keys); tenants' keys get 403")
class OpenApiDefinition {}
