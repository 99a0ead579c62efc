package dev.imageservice.api;

import dev.imageservice.localinfra.LocalInfrastructure;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real embedded servers (PostgreSQL, S3Proxy, ElasticMQ, local SNS) shared by every integration
 * test of this JVM: started once on first use, stopped when the JVM exits.
 */
final class EmbeddedInfrastructure {

  private static LocalInfrastructure infrastructure;

  private EmbeddedInfrastructure() {}

  static synchronized LocalInfrastructure get() {
    if (infrastructure == null) {
      infrastructure = LocalInfrastructure.start(LocalInfrastructureSettings.ephemeral());
      Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
    }
    return infrastructure;
  }

  static void register(DynamicPropertyRegistry registry) {
    get().endpoints().springProperties().forEach((key, value) -> registry.add(key, () -> value));
  }
}
