package dev.imageservice.deploy.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.constructs.IConstruct;

/** Records cdk-nag suppressions, each with its written reason. Stateless. */
final class Suppressions {

  private Suppressions() {}

  /**
   * Suppresses one AWS Solutions rule on a construct and its children.
   *
   * @param construct where the finding is
   * @param rule the rule id without prefix, e.g. {@code IAM5}
   * @param reason why the finding is accepted (shown in the nag report)
   * @param appliesTo the finding's details it covers (e.g. a wildcard resource); none for all
   */
  static void suppress(IConstruct construct, String rule, String reason, String... appliesTo) {
    NagPackSuppression.Builder suppression =
        NagPackSuppression.builder().id("AwsSolutions-" + rule).reason(reason);
    if (appliesTo.length > 0) {
      suppression.appliesTo(List.<Object>of((Object[]) appliesTo));
    }
    NagSuppressions.addResourceSuppressions(construct, List.of(suppression.build()), true);
  }
}
