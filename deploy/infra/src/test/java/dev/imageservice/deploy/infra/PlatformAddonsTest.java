package dev.imageservice.deploy.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Issue 18, platform as code: the add-ons the chart needs are installed by the stack, pinned, in
 * order, each controller with its own IRSA role and the values that make it work on nodes with one
 * IMDS hop; Karpenter's NodePool holds KEDA's maximum workers plus the API's HPA maximum.
 */
class PlatformAddonsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void everyAddOnIsAPinnedChartInItsNamespace(String environment) {
    Template template = SynthesizedApp.template(environment);
    assertChart(
        template,
        "aws-load-balancer-controller",
        Platform.LBC_VERSION,
        "https://aws.github.io/eks-charts",
        "kube-system");
    assertChart(
        template,
        "external-dns",
        Platform.EXTERNAL_DNS_VERSION,
        "https://kubernetes-sigs.github.io/external-dns/",
        "external-dns");
    assertChart(
        template, "keda", Platform.KEDA_VERSION, "https://kedacore.github.io/charts", "keda");
    assertChart(
        template,
        "external-secrets",
        Platform.EXTERNAL_SECRETS_VERSION,
        "https://charts.external-secrets.io",
        "external-secrets");
    assertChart(
        template,
        "kube-prometheus-stack",
        Platform.PROMETHEUS_STACK_VERSION,
        "https://prometheus-community.github.io/helm-charts",
        "monitoring");
    assertChart(
        template,
        "karpenter",
        Karpenter.CHART_VERSION,
        "oci://public.ecr.aws/karpenter/karpenter",
        "kube-system");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void loadBalancerControllerGetsVpcRegionAndItsOwnRole(String environment) {
    Template template = SynthesizedApp.template(environment);
    String values = values(template, "aws-load-balancer-controller");
    String vpc = template.findResources("AWS::EC2::VPC").keySet().iterator().next();
    assertThat(values)
        .contains("\"vpcId\":\"\",{\"Ref\":\"" + vpc + "\"}")
        .contains("\"region\":\"\",{\"Ref\":\"AWS::Region\"}");
    String role = IrsaTrust.roleFor(template, "kube-system:aws-load-balancer-controller");
    assertThat(values).contains("{\"Fn::GetAtt\":[\"" + role + "\",\"Arn\"]}");
    // Mutations only on load balancers tagged with this cluster.
    TemplateQueries.assertRolePolicy(
        template,
        role,
        Match.objectLike(
            Map.of(
                "Action",
                Match.arrayWith(List.of("elasticloadbalancing:DeleteLoadBalancer")),
                "Condition",
                Match.objectLike(
                    Map.of(
                        "StringEquals",
                        Match.objectLike(
                            Map.of("aws:ResourceTag/elbv2.k8s.aws/cluster", Match.anyValue())))))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void externalDnsChangesOnlyTheEnvironmentsZone(String environment) {
    Template template = SynthesizedApp.template(environment);
    String values = values(template, "external-dns");
    // A zone the stack creates (dev) or the one the environment file names (prod).
    var created = template.findResources("AWS::Route53::HostedZone").keySet();
    String zone = created.isEmpty() ? "Z0123456789ABCDEFGHIJ" : created.iterator().next();
    String filter =
        created.isEmpty() ? "--zone-id-filter=" + zone : "--zone-id-filter=\",{\"Ref\":\"" + zone;
    assertThat(values).contains(filter).contains(environment + ".images.acme-test.dev");
    String role = IrsaTrust.roleFor(template, "external-dns:external-dns");
    assertThat(values).contains("{\"Fn::GetAtt\":[\"" + role + "\",\"Arn\"]}");
    String policies = JSON.valueToTree(policiesOf(template, role)).toString();
    assertThat(policies).contains("route53:ChangeResourceRecordSets").contains(zone);
    assertThat(policies.split("ChangeResourceRecordSets")[1].split("}")[0]).doesNotContain("\"*\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void kedaOperatorReadsQueueAttributesAndOldestMessageAge(String environment) {
    Template template = SynthesizedApp.template(environment);
    String role = IrsaTrust.roleFor(template, "keda:keda-operator");
    String policies = JSON.valueToTree(policiesOf(template, role)).toString();
    assertThat(policies).contains("sqs:GetQueueAttributes").contains("cloudwatch:GetMetricData");
    String values = values(template, "keda");
    assertThat(values)
        .contains("\"keda-operator\"")
        .contains("{\"Fn::GetAtt\":[\"" + role + "\",\"Arn\"]}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void secretStoreNamedAsTheChartExpectsAfterTheOperator(String environment) throws Exception {
    Template template = SynthesizedApp.template(environment);
    String role = IrsaTrust.roleFor(template, "external-secrets:external-secrets");
    assertThat(values(template, "external-secrets"))
        .contains("\"installCRDs\":true")
        .contains("{\"Fn::GetAtt\":[\"" + role + "\",\"Arn\"]}");
    String valuesYaml =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(
                "..", "helm", "image-service", "values-" + environment + ".yaml"));
    assertThat(valuesYaml).contains("storeName: " + Platform.SECRET_STORE);
    Map.Entry<String, Map<String, Object>> store = manifest(template, "ClusterSecretStore");
    assertThat(JSON.valueToTree(store.getValue()).toString())
        .contains("\\\"name\\\":\\\"" + Platform.SECRET_STORE + "\\\"");
    assertThat(dependsOn(store.getValue())).contains(chartId(template, "external-secrets"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void addOnsWaitForTheLoadBalancerControllerAndItForTheNodes(String environment) {
    Template template = SynthesizedApp.template(environment);
    String lbc = chartId(template, "aws-load-balancer-controller");
    for (String chart :
        List.of("external-dns", "keda", "external-secrets", "kube-prometheus-stack", "karpenter")) {
      assertThat(
              dependsOn(
                  template.toJSON().get("Resources") instanceof Map<?, ?> r
                      ? castResource(r.get(chartId(template, chart)))
                      : Map.of()))
          .as(chart)
          .contains(lbc);
    }
    assertThat(dependsOn(castResource(((Map<?, ?>) template.toJSON().get("Resources")).get(lbc))))
        .anyMatch(d -> d.contains("Nodegroup"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void karpenterCapacityHoldsKedasMaximumWorkersAndTheApisMaximum(String environment)
      throws Exception {
    ChartValues.Workload workers = ChartValues.workload(environment, "worker");
    ChartValues.Workload api = ChartValues.workload(environment, "api");
    Karpenter.Capacity capacity = Karpenter.Capacity.of(environment);
    assertThat(workers.totalCpu() + api.totalCpu()).isLessThanOrEqualTo(capacity.cpu());
    assertThat(workers.totalMemoryGib() + api.totalMemoryGib())
        .isLessThanOrEqualTo(capacity.memoryGib());
    Template template = SynthesizedApp.template(environment);
    Map.Entry<String, Map<String, Object>> pool = manifest(template, "NodePool");
    assertThat(JSON.valueToTree(pool.getValue()).toString())
        .contains("\\\"cpu\\\":" + capacity.cpu())
        .contains("\\\"memory\\\":\\\"" + capacity.memoryGib() + "Gi\\\"")
        .contains("\\\"httpPutResponseHopLimit\\\":1");
    assertThat(dependsOn(pool.getValue())).contains(chartId(template, "karpenter"));
    String role = IrsaTrust.roleFor(template, "kube-system:karpenter");
    assertThat(values(template, "karpenter"))
        .contains("{\"Fn::GetAtt\":[\"" + role + "\",\"Arn\"]}")
        .contains("\"name\":\"AWS_REGION\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void karpenterDrainsNodesBeforeEc2TakesThemAway(String environment) {
    Template template = SynthesizedApp.template(environment);
    String queueName = "image-service-" + environment + "-karpenter-interruptions";
    String queue =
        TemplateQueries.logicalId(template, "AWS::SQS::Queue", Map.of("QueueName", queueName));
    for (String detailType :
        List.of(
            "AWS Health Event",
            "EC2 Spot Instance Interruption Warning",
            "EC2 Instance Rebalance Recommendation",
            "EC2 Instance State-change Notification")) {
      template.hasResourceProperties(
          "AWS::Events::Rule",
          Match.objectLike(
              Map.of(
                  "EventPattern",
                  Match.objectLike(Map.of("detail-type", List.of(detailType))),
                  "Targets",
                  List.of(Match.objectLike(Map.of("Arn", TemplateQueries.getAtt(queue, "Arn")))))));
    }
    // EventBridge may send to the queue (the target adds the queue policy).
    assertThat(JSON.valueToTree(template.findResources("AWS::SQS::QueuePolicy")).toString())
        .contains("events.amazonaws.com")
        .contains(queue);
    String role = IrsaTrust.roleFor(template, "kube-system:karpenter");
    TemplateQueries.assertRolePolicy(
        template,
        role,
        TemplateQueries.allows(
            List.of("sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"),
            TemplateQueries.getAtt(queue, "Arn")));
    assertThat(values(template, "karpenter"))
        .contains("\"interruptionQueue\":\"" + queueName + "\"");
  }

  private static void assertChart(
      Template template, String chart, String version, String repository, String namespace) {
    template.hasResourceProperties(
        "Custom::AWSCDK-EKS-HelmChart",
        Match.objectLike(
            Map.of(
                "Chart",
                chart,
                "Version",
                version,
                "Repository",
                repository,
                "Namespace",
                namespace)));
  }

  private static String chartId(Template template, String chart) {
    Map<String, Map<String, Object>> found =
        template.findResources(
            "Custom::AWSCDK-EKS-HelmChart",
            Map.of("Properties", Match.objectLike(Map.of("Chart", chart))));
    assertThat(found).as(chart).hasSize(1);
    return found.keySet().iterator().next();
  }

  private static String values(Template template, String chart) {
    Map<String, Object> resource =
        template.findResources("Custom::AWSCDK-EKS-HelmChart").get(chartId(template, chart));
    // The Values string unescaped, so that tokens read as {"Ref": ...} between its pieces.
    return JSON.valueToTree(((Map<?, ?>) resource.get("Properties")).get("Values"))
        .toString()
        .replace("\\\"", "\"");
  }

  private static Map.Entry<String, Map<String, Object>> manifest(Template template, String kind) {
    List<Map.Entry<String, Map<String, Object>>> found =
        template.findResources("Custom::AWSCDK-EKS-KubernetesResource").entrySet().stream()
            .filter(
                e ->
                    JSON.valueToTree(e.getValue())
                        .toString()
                        .contains("\\\"kind\\\":\\\"" + kind + "\\\""))
            .toList();
    assertThat(found).as(kind).hasSize(1);
    return found.getFirst();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castResource(Object resource) {
    return (Map<String, Object>) resource;
  }

  private static List<String> dependsOn(Map<String, Object> resource) {
    Object deps = resource.get("DependsOn");
    return deps instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  private static List<Object> policiesOf(Template template, String role) {
    return template.findResources("AWS::IAM::Policy").values().stream()
        .filter(p -> JSON.valueToTree(p).toString().contains("{\"Ref\":\"" + role + "\"}"))
        .map(p -> (Object) p)
        .toList();
  }
}
