package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the curl examples of the README and of {@code docs/api.md}, as written, against a running
 * system: documentation that users copy must work.
 */
class DocsExamplesIT {

  private static final String KEY = "docs-tenant-key-0123456789abcdef";
  private static final Path REPO =
      Path.of(System.getProperty("testdata.dir", "../testdata/corpus"))
          .toAbsolutePath()
          .getParent()
          .getParent();

  private static LocalSystem system;

  @BeforeAll
  static void start() {
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of("server.port", 0, "image-service.auth.keys", "docs:" + KEY),
            Map.of("server.port", 0));
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void readmeWalkThroughUploadsPollsAndFetchesAThumbnail() throws Exception {
    Path folder = Files.createTempDirectory("readme-example");
    String script = shellBlocks(REPO.resolve("README.md"), "### Try it with curl", "## ");

    Result result = run(script, folder);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("\"status\":\"SUCCEEDED\"")
        .contains("\"preset\":\"small\"");
    byte[] small = Files.readAllBytes(folder.resolve("small.jpg"));
    assertThat(small).startsWith(0xFF, 0xD8); // a JPEG, not an error page
  }

  @Test
  void apiReferenceExamplesRunAndShowWhatTheySay() throws Exception {
    Path folder = Files.createTempDirectory("api-example");
    String script = shellBlocks(REPO.resolve("docs/api.md"), "# API v1", "\u0000");

    Result result = run(script, folder);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("401")
        .contains("SUCCEEDED")
        .contains("\"presets\":[\"small\",\"square\"]")
        .contains("\"code\":\"unsupported_media_type\"");
    assertThat(folder.resolve("small.jpg")).exists();
  }

  @Test
  void apiReferenceDocumentsEveryPublicEndpointOfTheOpenApiDocument() throws Exception {
    String docs = Files.readString(REPO.resolve("docs/api.md"));
    java.net.http.HttpResponse<String> openApi =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://localhost:" + system.apiPort() + "/v3/api-docs"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    tools.jackson.databind.JsonNode paths =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree(openApi.body())
            .get("paths");

    List<String> documented = new ArrayList<>();
    java.util.regex.Matcher headings =
        // A section heading, or the first cell of a table row where a section lists its calls.
        java.util.regex.Pattern.compile("(?m)^(?:## |\\| )`(GET|POST|PUT|DELETE) (/v1/[^`?]*)")
            .matcher(docs);
    while (headings.find()) {
      String endpoint = headings.group(1).toLowerCase() + " " + headings.group(2);
      if (!documented.contains(endpoint)) {
        documented.add(endpoint);
      }
    }
    List<String> served = new ArrayList<>();
    paths
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (path.getKey().startsWith("/v1/")) {
                            served.add(op.getKey() + " " + path.getKey());
                          }
                        }));

    assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
  }

  /** The {@code sh} code blocks of a Markdown file between a heading and the next one given. */
  static String shellBlocks(Path markdown, String fromHeading, String untilHeading)
      throws IOException {
    List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
    List<String> script = new ArrayList<>(List.of("set -eu"));
    boolean inSection = false;
    boolean inBlock = false;
    for (String line : lines) {
      if (line.startsWith(fromHeading)) {
        inSection = true;
        continue;
      }
      if (inSection && !inBlock && line.startsWith(untilHeading)) {
        break;
      }
      if (inSection && line.equals("```sh")) {
        inBlock = true;
      } else if (inBlock && line.equals("```")) {
        inBlock = false;
      } else if (inBlock) {
        script.add(line);
      }
    }
    assertThat(script).as("sh blocks in " + markdown).hasSizeGreaterThan(2);
    return String.join("\n", script);
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String script, Path folder) throws Exception {
    // The examples refer to testdata/corpus relative to the clone, and write their files to the
    // current folder: give them both without writing into the repository.
    Files.createSymbolicLink(folder.resolve("testdata"), REPO.resolve("testdata"));
    Path log = folder.resolve("output.txt");
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", script)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("IMAGE_SERVICE_URL", "http://localhost:" + system.apiPort());
    builder.environment().put("IMAGE_SERVICE_API_KEY", KEY);
    Process process = builder.start();
    boolean finished = process.waitFor(90, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    return new Result(finished ? process.exitValue() : -1, Files.readString(log));
  }
}
