package dev.imageservice.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only route that fails the way a bug would, with internals in the exception message, so that
 * a test can check what of it reaches the client (nothing).
 */
@RestController
class FailingEndpoint {

  static final String PATH = "/v1/test-only/failure";

  @GetMapping(PATH)
  String fail() {
    throw new IllegalStateException(
        "select * from jobs failed on jdbc:postgresql://127.0.0.1:5432/postgres (db-1.internal)");
  }
}
