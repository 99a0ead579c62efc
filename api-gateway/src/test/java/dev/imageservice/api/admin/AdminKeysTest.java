package dev.imageservice.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdminKeysTest {

  @Test
  void onlyAConfiguredKeyMatchesAndNoKeysMeansNothingMatches() {
    AdminKeys keys =
        new AdminKeys(
            new AdminProperties(
                List.of("first-admin-key-000", "second-admin-key-00"), null, null, null, 0));

    assertThat(keys.matches("second-admin-key-00")).isTrue();
    assertThat(keys.matches("second-admin-key-0")).isFalse();
    assertThat(keys.matches("")).isFalse();
    assertThat(new AdminKeys(new AdminProperties(null, null, null, null, 0)).matches("x"))
        .isFalse();
  }
}
