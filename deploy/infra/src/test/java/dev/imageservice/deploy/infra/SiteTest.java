package dev.imageservice.deploy.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written environment file refuses what made the first values files undeployable:
 * documentation ranges, made-up accounts, example domains, roles of another account.
 */
class SiteTest {

  private static Site site(String domain, String account, List<String> cidrs, String role) {
    return new Site(domain, null, account, cidrs, role, role, "ops@acme-test.dev");
  }

  private static final String ROLE = "arn:aws:iam::210987654321:role/admin";

  @Test
  void aPlausibleFileIsAccepted() {
    assertThat(
            site("images.acme-test.dev", "210987654321", List.of("52.94.1.0/28"), ROLE)
                .originDomainName())
        .isEqualTo("origin.images.acme-test.dev");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "203.0.113.0/24",
        "198.51.100.7/32",
        "192.0.2.0/24",
        "0.0.0.0/0",
        "10.0.0.0/8",
        "52.0.0.0/4"
      })
  void documentationPrivateAndHugeRangesAreRefused(String cidr) {
    assertThatThrownBy(() -> site("images.acme-test.dev", "210987654321", List.of(cidr), ROLE))
        .hasMessageContaining("clusterAdminCidrs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"111111111111", "12345", "your 12-digit account id"})
  void madeUpAccountsAreRefused(String account) {
    assertThatThrownBy(() -> site("images.acme-test.dev", account, List.of("52.94.1.0/28"), ROLE))
        .hasMessageContaining("account");
  }

  @Test
  void exampleDomainsAndForeignRolesAreRefused() {
    assertThatThrownBy(
            () -> site("image-service.example.com", "210987654321", List.of("52.94.1.0/28"), ROLE))
        .hasMessageContaining("domain");
    assertThatThrownBy(
            () -> site("images.acme-test.dev", "310987654321", List.of("52.94.1.0/28"), ROLE))
        .hasMessageContaining("not 310987654321");
  }

  @Test
  void theExampleFileInTheRepositoryIsRefusedUntilAPersonFillsItIn() {
    assertThatThrownBy(
            () ->
                tools.jackson.databind.json.JsonMapper.builder()
                    .build()
                    .readValue(
                        SdkCalls.repository().resolve("deploy/environments/example.json").toFile(),
                        Site.class))
        .hasMessageContaining("account");
  }
}
