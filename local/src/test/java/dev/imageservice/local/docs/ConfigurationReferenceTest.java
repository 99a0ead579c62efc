package dev.imageservice.local.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is exactly what the configuration metadata of common, api-gateway and
 * thumbnail-worker generates (so every declared key is documented, and nothing else), and every
 * {@code image-service.*} key the README or docs/ names is declared by a record. Regenerate the
 * page with {@code -Dupdate.docs=true} (see {@link ConfigurationReference#REGENERATE}).
 */
class ConfigurationReferenceTest {

  private static final Path REPO =
      Path.of(System.getProperty("testdata.dir", "../testdata/corpus"))
          .toAbsolutePath()
          .getParent()
          .getParent();
  private static final Path PAGE = REPO.resolve("docs/configuration.md");
  private static final Pattern KEY =
      // Also as -Dkey=...; not part of a host name or URL (origin.dev.image-service.example.com,
      // https://image-service.dev/problems/...).
      Pattern.compile(
          "(?:(?<=-D)|(?<![\\w./-]))image-service(?:\\.[a-z0-9][a-z0-9-]*)+(?![\\w/-])");

  /**
   * Named in the docs but not (yet) a declared property, each with why. A key here that becomes
   * declared fails the test, so the entry is removed with the fix.
   */
  private static final Map<String, String> NOT_YET_DECLARED = Map.of();

  private final ConfigurationMetadata metadata = ConfigurationMetadata.load();

  @Test
  void referencePageIsWhatTheMetadataGenerates() throws IOException {
    String generated = ConfigurationReference.render(metadata);
    if (Boolean.getBoolean("update.docs")) {
      Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
    }

    assertThat(metadata.properties())
        .as("metadata of common, api-gateway, worker")
        .hasSizeGreaterThan(30);
    assertThat(Files.exists(PAGE) ? Files.readString(PAGE) : "")
        .as("docs/configuration.md is stale; regenerate: " + ConfigurationReference.REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void everyKeyTheDocsNameIsDeclared() throws IOException {
    Map<String, List<String>> unknown = new TreeMap<>();
    for (Path doc : docs()) {
      Matcher m = KEY.matcher(Files.readString(doc));
      while (m.find()) {
        String key = m.group().replaceAll("\\.$", "");
        if (!metadata.declares(key) && !NOT_YET_DECLARED.containsKey(key)) {
          unknown.computeIfAbsent(key, k -> new ArrayList<>()).add(REPO.relativize(doc).toString());
        }
      }
    }

    assertThat(unknown)
        .as("keys named in the docs that no @ConfigurationProperties declares")
        .isEmpty();
  }

  @Test
  void keysListedAsNotYetDeclaredAreStillUndeclared() {
    assertThat(NOT_YET_DECLARED.keySet())
        .as("now declared: remove them from NOT_YET_DECLARED")
        .noneMatch(metadata::declares);
  }

  private static List<Path> docs() throws IOException {
    try (Stream<Path> files = Files.list(REPO.resolve("docs"))) {
      List<Path> docs =
          new ArrayList<>(
              files
                  .filter(f -> f.toString().endsWith(".md"))
                  .filter(f -> !f.equals(PAGE))
                  .toList());
      docs.add(REPO.resolve("README.md"));
      return docs;
    }
  }
}
