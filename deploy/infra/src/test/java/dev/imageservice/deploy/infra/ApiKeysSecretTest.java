package dev.imageservice.deploy.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.api.auth.AuthProperties;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keys secret as Secrets Manager generates it from the template, rendered by the chart's
 * ExternalSecret template, is accepted by the API's own parser ({@link AuthProperties}): a first
 * deployment's API starts with it. (It used to be 40 bare characters, which the API rejects.)
 */
class ApiKeysSecretTest {

  private static final Pattern ESO_TEMPLATE = Pattern.compile("api-keys: '(.*)'");

  static List<EnvironmentSettings> environments() {
    return EnvironmentSettings.all();
  }

  @ParameterizedTest
  @MethodSource("environments")
  @SuppressWarnings("unchecked")
  void theGeneratedSecretRenderedByTheChartParsesWithTheApisParser(EnvironmentSettings env)
      throws Exception {
    Map<String, Map<String, Object>> secrets =
        SynthesizedApp.template(env.name())
            .findResources(
                "AWS::SecretsManager::Secret",
                Map.of(
                    "Properties",
                    Match.objectLike(Map.of("Name", "image-service/" + env.name() + "/api-keys"))));
    assertThat(secrets).hasSize(1);
    Map<String, Object> generator =
        (Map<String, Object>)
            ((Map<String, Object>) secrets.values().iterator().next().get("Properties"))
                .get("GenerateSecretString");
    Map<String, String> remote = generate(generator);

    List<String> keys = List.of(render(remote).split(","));
    AuthProperties properties = new AuthProperties(keys, null, null, 0);

    assertThat(properties.configured())
        .singleElement()
        .satisfies(k -> assertThat(k.tenant()).isEqualTo(env.name() + "-bootstrap"));
    // The old generator (one bare random string) is what the parser refuses.
    assertThatThrownBy(() -> new AuthProperties(List.of(remote.get("key")), null, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // What Secrets Manager stores: the template's JSON plus the generated key.
  private static Map<String, String> generate(Map<String, Object> generator) throws Exception {
    assertThat(generator).containsEntry("ExcludePunctuation", true);
    int length = ((Number) generator.get("PasswordLength")).intValue();
    assertThat(length).isGreaterThanOrEqualTo(AuthProperties.MIN_KEY_LENGTH);
    Map<String, String> json =
        new java.util.HashMap<>(
            JsonMapper.builder()
                .build()
                .readValue((String) generator.get("SecretStringTemplate"), Map.class));
    SecureRandom random = new SecureRandom();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < length; i++) {
      key.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    json.put((String) generator.get("GenerateStringKey"), key.toString());
    return json;
  }

  // The chart's ExternalSecret template for api-keys, evaluated as External Secrets would, with
  // the remote properties as its data (api-key-tenant <- tenant, api-key <- key, ...-more <- more).
  private static String render(Map<String, String> remote) throws Exception {
    String chart =
        Files.readString(
            SdkCalls.repository()
                .resolve("deploy/helm/image-service/templates/externalsecret.yaml"));
    Matcher line = ESO_TEMPLATE.matcher(chart);
    assertThat(line.find()).as("api-keys template in the ExternalSecret").isTrue();
    String template = line.group(1).replace("{{ \"{{\" }}", "{{").replace("{{ \"}}\" }}", "}}");
    Map<String, String> data =
        Map.of(
            "api-key-tenant", remote.get("tenant"),
            "api-key", remote.get("key"),
            "api-keys-more", remote.getOrDefault("more", ""));
    String more = data.get("api-keys-more");
    String rendered =
        template
            .replaceAll(
                "\\{\\{ with index \\. \"api-keys-more\" }}(.*?)\\{\\{ \\. }}\\{\\{ end }}",
                more.isEmpty() ? "" : "$1" + Matcher.quoteReplacement(more))
            .replace("{{ index . \"api-key-tenant\" }}", data.get("api-key-tenant"))
            .replace("{{ index . \"api-key\" }}", data.get("api-key"));
    assertThat(rendered).as("every template action evaluated").doesNotContain("{{");
    return rendered;
  }
}
