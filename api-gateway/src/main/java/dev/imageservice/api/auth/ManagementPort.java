package dev.imageservice.api.auth;

import org.springframework.core.env.Environment;

/** Whether actuator runs on its own port (the default here), away from the public one. */
final class ManagementPort {

  private ManagementPort() {}

  static boolean isSeparate(Environment environment) {
    Integer management = environment.getProperty("management.server.port", Integer.class);
    Integer server = environment.getProperty("server.port", Integer.class, 8080);
    // 0 picks a free port, so two zeros are two different ports; -1 switches HTTP endpoints off.
    return management != null && (management == 0 || !management.equals(server));
  }
}
