package dev.imageservice.deploy.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Finds resources in a synthesised template by type and properties. Stateless. */
final class TemplateQueries {

  private TemplateQueries() {}

  /** The logical id of the one resource of {@code type} whose properties match {@code props}. */
  static String logicalId(Template template, String type, Map<String, Object> props) {
    Map<String, Map<String, Object>> found =
        template.findResources(type, Map.of("Properties", Match.objectLike(props)));
    assertThat(found).as("%s with %s", type, props).hasSize(1);
    return found.keySet().iterator().next();
  }

  /**
   * The logical id of a data bucket (generated name) by its access-log prefix: {@code images/} or
   * {@code thumbnails/}.
   */
  static String dataBucket(Template template, String logPrefix) {
    return logicalId(
        template,
        "AWS::S3::Bucket",
        Map.of("LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", logPrefix))));
  }

  /** {@code {"Fn::GetAtt": [logicalId, attribute]}}. */
  static Map<String, Object> getAtt(String logicalId, String attribute) {
    return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
  }

  /** {@code {"Ref": logicalId}}. */
  static Map<String, Object> ref(String logicalId) {
    return Map.of("Ref", logicalId);
  }

  /** {@code bucket-arn/*} as CloudFormation writes it. */
  static Map<String, Object> objectsOf(String bucketLogicalId) {
    return Map.of("Fn::Join", List.of("", List.of(getAtt(bucketLogicalId, "Arn"), "/*")));
  }

  /** A policy statement allowing exactly {@code actions} on {@code resource}. */
  static Object allows(Object actions, Object resource) {
    return Match.objectLike(Map.of("Effect", "Allow", "Action", actions, "Resource", resource));
  }

  /** Asserts that the inline policy attached to {@code roleLogicalId} has these statements. */
  static void assertRolePolicy(Template template, String roleLogicalId, Object... statements) {
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Match.objectLike(
            Map.of(
                "Roles",
                List.of(ref(roleLogicalId)),
                "PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(statements)))))));
  }

  /** The logical id of the EKS cluster. */
  static String cluster(Template template) {
    return template.findResources("AWS::EKS::Cluster").keySet().iterator().next();
  }

  /** The nodes' security group: the EKS-managed cluster security group. */
  static Map<String, Object> nodeSecurityGroup(Template template) {
    return getAtt(cluster(template), "ClusterSecurityGroupId");
  }
}
