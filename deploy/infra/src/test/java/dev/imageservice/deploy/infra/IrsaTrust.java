package dev.imageservice.deploy.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Finds the IRSA role of a Kubernetes service account in a template: the role trusted through the
 * cluster's OIDC provider whose {@code StringEquals} condition (a {@code CfnJson} value, since its
 * keys name the provider) pins {@code system:serviceaccount:<namespace>:<account>}. Stateless.
 */
final class IrsaTrust {

  private IrsaTrust() {}

  /**
   * The logical id of the role that only {@code namespaceAndAccount} may assume.
   *
   * @param namespaceAndAccount {@code namespace:serviceaccount}
   */
  static String roleFor(Template template, String namespaceAndAccount) {
    String subject = "system:serviceaccount:" + namespaceAndAccount + "\"";
    List<String> conditions =
        template.findResources("Custom::AWSCDKCfnJson").entrySet().stream()
            .filter(e -> e.getValue().toString().contains(subject))
            .filter(e -> e.getValue().toString().contains("oidc-provider"))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(conditions).as("trust condition for %s", namespaceAndAccount).hasSize(1);
    String provider =
        template.findResources("Custom::AWSCDKOpenIdConnectProvider").keySet().iterator().next();
    Map<String, Map<String, Object>> roles =
        template.findResources(
            "AWS::IAM::Role",
            Map.of(
                "Properties",
                Match.objectLike(
                    Map.of(
                        "AssumeRolePolicyDocument",
                        Match.objectLike(
                            Map.of(
                                "Statement",
                                List.of(
                                    Map.of(
                                        "Action",
                                        "sts:AssumeRoleWithWebIdentity",
                                        "Effect",
                                        "Allow",
                                        "Principal",
                                        Map.of("Federated", TemplateQueries.ref(provider)),
                                        "Condition",
                                        Map.of(
                                            "StringEquals",
                                            TemplateQueries.getAtt(
                                                conditions.getFirst(), "Value"))))))))));
    assertThat(roles).as("IRSA role of %s", namespaceAndAccount).hasSize(1);
    return roles.keySet().iterator().next();
  }
}
