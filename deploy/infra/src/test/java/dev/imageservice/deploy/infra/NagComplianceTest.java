package dev.imageservice.deploy.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** Every stack passes cdk-nag's AWS Solutions checks; each accepted finding has a reason. */
class NagComplianceTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void stackHasNoUnsuppressedAwsSolutionsErrors(String environment) {
    Annotations annotations = Annotations.fromStack(SynthesizedApp.stack(environment));
    List<SynthesisMessage> errors =
        annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    assertThat(describe(errors)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void stackHasNoUnsuppressedAwsSolutionsWarnings(String environment) {
    Annotations annotations = Annotations.fromStack(SynthesizedApp.stack(environment));
    List<SynthesisMessage> warnings =
        annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    assertThat(describe(warnings)).isEmpty();
  }

  private static List<String> describe(List<SynthesisMessage> messages) {
    return messages.stream()
        .map(m -> m.getId() + ": " + firstLine(String.valueOf(m.getEntry().getData())))
        .collect(Collectors.toList());
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
