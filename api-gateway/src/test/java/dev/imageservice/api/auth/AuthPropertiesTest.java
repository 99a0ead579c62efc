package dev.imageservice.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthPropertiesTest {

  @Test
  void aShortTenantKeyStopsTheStartNamingTheTenantButNotTheKey() {
    assertThatThrownBy(() -> new AuthProperties(List.of("acme:short-key-123"), null, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant 'acme'")
        .hasMessageContaining("at least 24")
        .hasMessageNotContaining("short-key-123");
  }

  @Test
  void aMalformedPairStopsTheStart() {
    assertThatThrownBy(() -> new AuthProperties(List.of("no-colon-here"), null, null, 0))
        .hasMessageContaining("tenant:key");
  }

  @Test
  void longKeysAreAcceptedAndParsed() {
    AuthProperties properties =
        new AuthProperties(List.of("acme: 0123456789abcdef01234567 "), null, null, 0);

    assertThat(properties.configured())
        .containsExactly(new AuthProperties.ConfiguredKey("acme", "0123456789abcdef01234567"));
    assertThat(properties.configured().getFirst().toString()).doesNotContain("0123456789");
  }
}
