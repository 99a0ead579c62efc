package dev.imageservice.deploy.infra;

import static dev.imageservice.deploy.infra.TemplateQueries.getAtt;
import static dev.imageservice.deploy.infra.TemplateQueries.objectsOf;
import static dev.imageservice.deploy.infra.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/**
 * Every AWS call the services make is allowed by their IRSA role, and nothing else is: the table
 * below names each SDK call with the IAM action and resource it needs; one test holds the table to
 * the code (a new SDK call without its row fails), the other holds the synthesised policies to the
 * table (a missing grant fails, and so does a grant no call needs). HeadBucket in readiness needing
 * s3:ListBucket is the row that a first deployment was missing.
 */
class SdkPermissionsTest {

  /** One permission a call needs: {@code File#method}, IAM action, symbolic resource. */
  record Need(String call, String action, String resource) {}

  private static final List<String> API_SOURCES =
      List.of("api-gateway/src/main/java", "common/src/main/java");
  private static final List<String> WORKER_SOURCES =
      List.of("thumbnail-worker/src/main/java", "common/src/main/java");

  // Needed without an SDK call in our code: SSE-KMS objects, encrypted topic and queues use the
  // key; fluent-bit (sidecar, same service account) ships logs to OpenSearch.
  private static final List<Need> IMPLIED =
      List.of(
          new Need("(SSE-KMS)", "kms:Decrypt", "key"),
          new Need("(SSE-KMS)", "kms:GenerateDataKey", "key"),
          new Need("(fluent-bit)", "es:ESHttpPost", "searchIndices"),
          new Need("(fluent-bit)", "es:ESHttpPut", "searchIndices"));

  static final List<Need> API =
      List.of(
          new Need("S3HealthIndicator#headBucket", "s3:ListBucket", "imagesBucket"),
          new Need("OriginalStore#putObject", "s3:PutObject", "imagesObjects"),
          new Need("OriginalStore#deleteObject", "s3:DeleteObject", "imagesObjects"),
          new Need("ThumbnailLinks#presignGetObject", "s3:GetObject", "thumbnailsObjects"),
          new Need("SnsEventPublisher#publishBatch", "sns:Publish", "topic"),
          new Need("DeadLetterRedrive#getQueueUrl", "sqs:GetQueueUrl", "deadLetterQueue"),
          new Need("DeadLetterRedrive#getQueueUrl", "sqs:GetQueueUrl", "queue"),
          new Need("DeadLetterRedrive#receiveMessage", "sqs:ReceiveMessage", "deadLetterQueue"),
          new Need("DeadLetterRedrive#sendMessageBatch", "sqs:SendMessage", "queue"),
          new Need("DeadLetterRedrive#deleteMessageBatch", "sqs:DeleteMessage", "deadLetterQueue"),
          // Webhooks: the API polls its own queue of completion events (QueuePoller, shared with
          // the direct uploads' event queue below).
          new Need("QueuePoller#getQueueUrl", "sqs:GetQueueUrl", "webhookQueue"),
          new Need("QueuePoller#receiveMessage", "sqs:ReceiveMessage", "webhookQueue"),
          new Need("QueuePoller#deleteMessage", "sqs:DeleteMessage", "webhookQueue"),
          // Direct uploads: a presigned PUT under uploads/ (signed with the API's role), the
          // bucket's event queue, HEAD / ranged GET / copy source under uploads/, the copy's
          // destination and the removal from uploads/ (both within the originals).
          new Need("UploadUrls#presignPutObject", "s3:PutObject", "imagesObjects"),
          new Need("QueuePoller#getQueueUrl", "sqs:GetQueueUrl", "uploadEventsQueue"),
          new Need("QueuePoller#receiveMessage", "sqs:ReceiveMessage", "uploadEventsQueue"),
          new Need("QueuePoller#deleteMessage", "sqs:DeleteMessage", "uploadEventsQueue"),
          new Need("UploadedObjects#headObject", "s3:GetObject", "uploadsObjects"),
          new Need("UploadedObjects#getObject", "s3:GetObject", "uploadsObjects"),
          new Need("UploadedObjects#copyObject", "s3:GetObject", "uploadsObjects"),
          new Need("UploadedObjects#copyObject", "s3:PutObject", "imagesObjects"),
          new Need("UploadedObjects#deleteObject", "s3:DeleteObject", "imagesObjects"),
          // Deletion: lists the job's prefix in both buckets, deletes there, invalidates the CDN.
          new Need("ObjectPurge#listObjectsV2Paginator", "s3:ListBucket", "imagesBucket"),
          new Need("ObjectPurge#listObjectsV2Paginator", "s3:ListBucket", "thumbnailsBucket"),
          new Need("ObjectPurge#deleteObject", "s3:DeleteObject", "imagesObjects"),
          new Need("ObjectPurge#deleteObject", "s3:DeleteObject", "thumbnailsObjects"),
          new Need(
              "CdnInvalidation#createInvalidation",
              "cloudfront:CreateInvalidation",
              "distribution"));

  static final List<Need> WORKER =
      List.of(
          new Need("OriginalFetcher#getObject", "s3:GetObject", "imagesObjects"),
          new Need("ThumbnailStore#putObject", "s3:PutObject", "thumbnailsObjects"),
          new Need("ThumbnailStore#deleteObject", "s3:DeleteObject", "thumbnailsObjects"),
          new Need("SnsEventPublisher#publishBatch", "sns:Publish", "topic"),
          new Need("QueueDepth#getQueueUrl", "sqs:GetQueueUrl", "queue"),
          new Need("QueueDepth#getQueueUrl", "sqs:GetQueueUrl", "deadLetterQueue"),
          new Need("QueueDepth#getQueueAttributes", "sqs:GetQueueAttributes", "queue"),
          new Need("QueueDepth#getQueueAttributes", "sqs:GetQueueAttributes", "deadLetterQueue"),
          // Spring Cloud AWS's container: resolves the URL and attributes, receives, deletes
          // (batch) and changes visibility (backoff, Visibility) for each listener's queue.
          listener("ThumbnailRequestListener", "sqs:GetQueueUrl", "queue"),
          listener("ThumbnailRequestListener", "sqs:GetQueueAttributes", "queue"),
          listener("ThumbnailRequestListener", "sqs:ReceiveMessage", "queue"),
          listener("ThumbnailRequestListener", "sqs:DeleteMessage", "queue"),
          listener("ThumbnailRequestListener", "sqs:ChangeMessageVisibility", "queue"),
          listener("DeadLetterListener", "sqs:GetQueueUrl", "deadLetterQueue"),
          listener("DeadLetterListener", "sqs:GetQueueAttributes", "deadLetterQueue"),
          listener("DeadLetterListener", "sqs:ReceiveMessage", "deadLetterQueue"),
          listener("DeadLetterListener", "sqs:DeleteMessage", "deadLetterQueue"),
          listener("DeadLetterListener", "sqs:ChangeMessageVisibility", "deadLetterQueue"));

  private static Need listener(String file, String action, String resource) {
    return new Need(file + "#@SqsListener", action, resource);
  }

  static List<EnvironmentSettings> environments() {
    return EnvironmentSettings.all();
  }

  @Test
  void theTableListsEverySdkCallTheApiMakesAndNoOther() {
    assertThat(SdkCalls.in(API_SOURCES)).isEqualTo(calls(API));
  }

  @Test
  void theTableListsEverySdkCallTheWorkerMakesAndNoOther() {
    assertThat(SdkCalls.in(WORKER_SOURCES)).isEqualTo(calls(WORKER));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void theApiRoleAllowsExactlyWhatItsCallsNeedOnTheirResources(EnvironmentSettings env) {
    Template template = SynthesizedApp.template(env.name());
    String role = IrsaTrust.roleFor(template, "image-service:" + WorkloadRoles.API_SERVICE_ACCOUNT);
    assertThat(granted(template, role)).isEqualTo(needed(API));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void theWorkerRoleAllowsExactlyWhatItsCallsNeedOnTheirResources(EnvironmentSettings env) {
    Template template = SynthesizedApp.template(env.name());
    String role =
        IrsaTrust.roleFor(template, "image-service:" + WorkloadRoles.WORKER_SERVICE_ACCOUNT);
    assertThat(granted(template, role)).isEqualTo(needed(WORKER));
  }

  private static Set<String> calls(List<Need> needs) {
    return needs.stream().map(Need::call).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> needed(List<Need> needs) {
    return java.util.stream.Stream.concat(needs.stream(), IMPLIED.stream())
        .map(n -> n.action() + " on " + n.resource())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  // "action on resource" for every Allow statement of every policy attached to the role.
  @SuppressWarnings("unchecked")
  private static Set<String> granted(Template template, String role) {
    Map<Object, String> names = resourceNames(template);
    Set<String> granted = new TreeSet<>();
    Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
    for (Map<String, Object> policy : policies.values()) {
      Map<String, Object> props = (Map<String, Object>) policy.get("Properties");
      if (!((List<Object>) props.get("Roles")).contains(ref(role))) {
        continue;
      }
      Map<String, Object> document = (Map<String, Object>) props.get("PolicyDocument");
      for (Object o : (List<Object>) document.get("Statement")) {
        Map<String, Object> statement = (Map<String, Object>) o;
        assertThat(statement.get("Effect")).isEqualTo("Allow");
        for (Object action : list(statement.get("Action"))) {
          for (Object resource : list(statement.get("Resource"))) {
            granted.add(action + " on " + names.getOrDefault(resource, "?" + resource));
          }
        }
      }
    }
    return granted;
  }

  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? List.copyOf(l) : List.of(value);
  }

  // By logical id: the request queue and its DLQ, and each feature's own queue by its construct.
  private static String queueName(String logicalId) {
    if (logicalId.contains("Dlq")) {
      return "deadLetterQueue";
    }
    if (logicalId.startsWith("WebhookDeliveries")) {
      return "webhookQueue";
    }
    if (logicalId.startsWith("DirectUploads")) {
      return "uploadEventsQueue";
    }
    return "queue";
  }

  private static Map<Object, String> resourceNames(Template template) {
    String images = TemplateQueries.dataBucket(template, "images/");
    String thumbnails = TemplateQueries.dataBucket(template, "thumbnails/");
    String key = template.findResources("AWS::KMS::Key").keySet().iterator().next();
    String domain =
        template.findResources("AWS::OpenSearchService::Domain").keySet().iterator().next();
    Map<Object, String> names = new HashMap<>();
    names.put(getAtt(images, "Arn"), "imagesBucket");
    names.put(objectsOf(images), "imagesObjects");
    names.put(objectsOf(thumbnails), "thumbnailsObjects");
    names.put(getAtt(key, "Arn"), "key");
    names.put(objectsOf(domain), "searchIndices");
    names.put(getAtt(thumbnails, "Arn"), "thumbnailsBucket");
    names.put(
        Map.of(
            "Fn::Join",
            List.of("", List.of(getAtt(images, "Arn"), "/" + DirectUploads.PREFIX + "*"))),
        "uploadsObjects");
    String distribution =
        template.findResources("AWS::CloudFront::Distribution").keySet().iterator().next();
    names.put(
        Map.of(
            "Fn::Join",
            List.of(
                "",
                List.of(
                    "arn:",
                    ref("AWS::Partition"),
                    ":cloudfront::",
                    ref("AWS::AccountId"),
                    ":distribution/",
                    ref(distribution)))),
        "distribution");
    for (String name : template.findResources("AWS::SQS::Queue").keySet()) {
      names.put(getAtt(name, "Arn"), queueName(name));
    }
    for (String name : template.findResources("AWS::SNS::Topic").keySet()) {
      if (!name.contains("Alarms")) {
        names.put(ref(name), "topic");
      }
    }
    return names;
  }
}
