package dev.imageservice.common.preset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.unit.DataSize;

/** The shared preset definition binds from YAML-style keys and refuses, at start, what is wrong. */
class ImagingPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ImagingProperties.class)
  static class Bound {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Bound.class);

  @Test
  void qualityEightyFiveMeansEightyFive() {
    runner
        .withPropertyValues(
            "image-service.presets[0].name=hero",
            "image-service.presets[0].width=2048",
            "image-service.presets[0].height=1024",
            "image-service.presets[0].fit=cover",
            "image-service.presets[0].format=jpeg",
            "image-service.presets[0].quality=85",
            "image-service.limits.max-bytes=20MB")
        .run(
            context -> {
              ImagingProperties shared = context.getBean(ImagingProperties.class);
              assertThat(shared.presets())
                  .containsExactly(
                      new PresetDefinition(
                          "hero", 2048, 1024, PresetFit.COVER, PresetFormat.JPEG, 85));
              assertThat(shared.limits().maxBytes()).isEqualTo(DataSize.ofMegabytes(20));
            });
  }

  @Test
  void webpAvifAndAutoAreFormats() {
    runner
        .withPropertyValues(
            "image-service.presets[0].name=a",
            "image-service.presets[0].width=10",
            "image-service.presets[0].height=10",
            "image-service.presets[0].format=webp",
            "image-service.presets[0].quality=70",
            "image-service.presets[1].name=b",
            "image-service.presets[1].width=10",
            "image-service.presets[1].height=10",
            "image-service.presets[1].format=avif",
            "image-service.presets[2].name=c",
            "image-service.presets[2].width=10",
            "image-service.presets[2].height=10",
            "image-service.presets[2].format=auto")
        .run(
            context ->
                assertThat(context.getBean(ImagingProperties.class).presets())
                    .extracting(PresetDefinition::format, PresetDefinition::quality)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(PresetFormat.WEBP, 70),
                        org.assertj.core.groups.Tuple.tuple(PresetFormat.AVIF, 85),
                        org.assertj.core.groups.Tuple.tuple(PresetFormat.AUTO, 85)));
  }

  @Test
  void unsetValuesAreTheDefaults() {
    runner.run(
        context -> {
          ImagingProperties shared = context.getBean(ImagingProperties.class);
          assertThat(shared.presetNames()).containsExactly("small", "medium", "square");
          assertThat(shared.presets()).allSatisfy(p -> assertThat(p.quality()).isEqualTo(85));
          assertThat(shared.limits().maxBytes()).isEqualTo(DataSize.ofMegabytes(50));
          assertThat(shared.limits().maxPixels()).isEqualTo(50_000_000L);
        });
  }

  @Test
  void theOldFractionalQualityIsRefusedWithItsRange() {
    // Binding names the key: "Failed to bind properties under 'image-service.presets[0].quality'".
    assertRefused("quality=0.85", "image-service.presets[0].quality");
    assertRefused("quality=101", "quality is a JPEG quality from 1 to 100");
  }

  @Test
  void boxesAreRefusedOutsideOneTo4096PixelsWithTheUnit() {
    assertRefused("width=5000", "width is in pixels, from 1 to 4096, not 5000");
    assertRefused("height=-1", "height is in pixels, from 1 to 4096, not -1");
  }

  @Test
  void smartFitIsAccepted() {
    runner
        .withPropertyValues(
            "image-service.presets[0].name=avatar",
            "image-service.presets[0].width=128",
            "image-service.presets[0].height=128",
            "image-service.presets[0].fit=smart")
        .run(
            context ->
                assertThat(context.getBean(ImagingProperties.class).presets().getFirst().fit())
                    .isEqualTo(PresetFit.SMART));
  }

  @Test
  void aNameThatCannotBeAStorageKeyPartIsRefused() {
    runner
        .withPropertyValues(
            "image-service.presets[0].name=Hero/1",
            "image-service.presets[0].width=100",
            "image-service.presets[0].height=100")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("must match [a-z0-9_-]{1,32}"));
  }

  @Test
  void aPresetNamedTwiceIsRefused() {
    runner
        .withPropertyValues(
            "image-service.presets[0].name=a",
            "image-service.presets[0].width=10",
            "image-service.presets[0].height=10",
            "image-service.presets[1].name=a",
            "image-service.presets[1].width=20",
            "image-service.presets[1].height=20")
        .run(
            context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("'a' twice"));
  }

  /**
   * The Helm chart appends operators' properties ({@code config:} in its values) as a later YAML
   * document of flat, dotted and indexed keys: Spring reads them and lets them override.
   */
  @Test
  void flatKeysInALaterYamlDocumentOverrideTheFirst() throws Exception {
    String yaml =
        """
        image-service:
          limits:
            max-bytes: 50MB
        ---
        image-service.limits.max-bytes: 20MB
        image-service.presets[0].name: hero
        image-service.presets[0].width: 2048
        image-service.presets[0].height: 1024
        image-service.presets[0].quality: 85
        """;
    List<PropertySource<?>> documents =
        new YamlPropertySourceLoader()
            .load("chart", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
    MutablePropertySources sources = new MutablePropertySources();
    // Spring gives later documents precedence: they come first in the environment.
    documents.reversed().forEach(sources::addLast);
    ImagingProperties shared =
        new Binder(ConfigurationPropertySources.from(sources))
            .bind("image-service", ImagingProperties.class)
            .get();
    assertThat(shared.limits().maxBytes()).isEqualTo(DataSize.ofMegabytes(20));
    assertThat(shared.presets())
        .containsExactly(new PresetDefinition("hero", 2048, 1024, PresetFit.CONTAIN, null, 85));
  }

  @Test
  void aKeyThatMovedToTheSharedDefinitionCannotStart() {
    ApplicationContextRunner withCheck = runner.withUserConfiguration(MovedKeysCheck.class);
    withCheck
        .withPropertyValues("image-service.upload.presets=small,hero")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(
                        "image-service.upload.presets is no longer read: set image-service.presets"));
    withCheck
        .withPropertyValues("image-service.render.presets[0].name=hero")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("image-service.render.presets is no longer read"));
    withCheck
        .withPropertyValues("image-service.render.max-bytes=10MB")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("set image-service.limits.max-bytes"));
    withCheck
        .withPropertyValues("image-service.render.max-frames=10")
        .run(context -> assertThat(context).hasNotFailed());
  }

  private void assertRefused(String setting, String message) {
    runner
        .withPropertyValues(
            "image-service.presets[0].name=p",
            "image-service.presets[0].width=100",
            "image-service.presets[0].height=100",
            "image-service.presets[0]." + setting)
        .run(context -> assertThat(context).getFailure().hasStackTraceContaining(message));
  }
}
