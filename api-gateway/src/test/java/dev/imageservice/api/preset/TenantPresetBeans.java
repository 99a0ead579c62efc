package dev.imageservice.api.preset;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The tenant-preset beans, for slim test contexts outside this package (the repository is
 * package-private); they need a {@code Jdbi}, a {@code Clock} and the shared imaging properties.
 */
@Configuration(proxyBeanMethods = false)
@Import({TenantPresets.class, TenantPresetRepository.class})
public class TenantPresetBeans {}
