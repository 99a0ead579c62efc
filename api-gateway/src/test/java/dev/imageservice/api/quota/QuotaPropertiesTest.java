package dev.imageservice.api.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class QuotaPropertiesTest {

  @Test
  void defaultsApplyWhenNothingIsSet() {
    QuotaProperties properties = new QuotaProperties(null, 0, null, null, null);

    assertThat(properties.enabled()).isTrue();
    assertThat(properties.of("any")).isEqualTo(new QuotaProperties.TenantQuota(600, null));
    assertThat(properties.storageRetryAfter()).hasHours(1);
  }

  @Test
  void aTenantOverrideReplacesOnlyTheFieldsItSets() {
    QuotaProperties properties =
        new QuotaProperties(
            true,
            100,
            DataSize.ofMegabytes(10),
            null,
            Map.of(
                "big", new QuotaProperties.TenantOverride(null, DataSize.ofGigabytes(1)),
                "slow", new QuotaProperties.TenantOverride(5, null)));

    assertThat(properties.of("big"))
        .isEqualTo(new QuotaProperties.TenantQuota(100, DataSize.ofGigabytes(1).toBytes()));
    assertThat(properties.of("slow"))
        .isEqualTo(new QuotaProperties.TenantQuota(5, DataSize.ofMegabytes(10).toBytes()));
    assertThat(properties.of("other"))
        .isEqualTo(new QuotaProperties.TenantQuota(100, DataSize.ofMegabytes(10).toBytes()));
  }

  @Test
  void aStoredBytesQuotaOfZeroStopsTheStart() {
    assertThatThrownBy(() -> new QuotaProperties(null, 0, DataSize.ofBytes(0), null, null))
        .hasMessageContaining("stored-bytes");
  }
}
