package dev.imageservice.localinfra.sns;

import dev.imageservice.localinfra.sns.QueryRequest.MessageAttribute;
import dev.imageservice.localinfra.sns.SqsForwarder.Notification;
import dev.imageservice.localinfra.sns.TopicRegistry.Subscription;
import dev.imageservice.localinfra.sns.TopicRegistry.Topic;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The SNS actions we support, each answering the awsQuery XML the SDK's {@code SnsClient} parses.
 * Thread-safe: all state lives in the thread-safe {@link TopicRegistry}.
 */
final class SnsActions {

  private static final String XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";

  private final TopicRegistry registry;
  private final SqsForwarder forwarder;
  private final String accountId;

  SnsActions(TopicRegistry registry, SqsForwarder forwarder, String accountId) {
    this.registry = registry;
    this.forwarder = forwarder;
    this.accountId = accountId;
  }

  /** Runs the request's action and returns the XML response document. */
  String handle(QueryRequest request) {
    String action = request.required("Action");
    String result =
        switch (action) {
          case "CreateTopic" ->
              tag("TopicArn", registry.createTopic(request.required("Name")).arn());
          case "DeleteTopic" -> {
            registry.deleteTopic(request.required("TopicArn"));
            yield "";
          }
          case "ListTopics" -> listTopics();
          case "GetTopicAttributes" ->
              topicAttributes(registry.topic(request.required("TopicArn")));
          case "Subscribe" -> subscribe(request);
          case "SetSubscriptionAttributes" -> setSubscriptionAttributes(request);
          case "ListSubscriptionsByTopic" ->
              listSubscriptions(registry.topic(request.required("TopicArn")).subscriptions());
          // All topics' subscriptions, what `aws sns list-subscriptions` asks; one page.
          case "ListSubscriptions" ->
              listSubscriptions(
                  registry.topics().stream().flatMap(t -> t.subscriptions().stream()).toList());
          case "Unsubscribe" -> {
            registry.unsubscribe(request.required("SubscriptionArn"));
            yield "";
          }
          case "Publish" ->
              tag("MessageId", publish(registry.topic(request.required("TopicArn")), request));
          case "PublishBatch" -> publishBatch(request);
          default -> throw SnsError.invalidAction(action);
        };
    return "<%1$sResponse xmlns=\"%2$s\"><%1$sResult>%3$s</%1$sResult>%4$s</%1$sResponse>"
        .formatted(action, XMLNS, result, element("ResponseMetadata", requestId()));
  }

  /** The awsQuery error document; the SDK maps {@code Code} to an exception class. */
  static String errorDocument(SnsError error) {
    String detail =
        tag("Type", error.faultType())
            + tag("Code", error.code())
            + tag("Message", error.getMessage());
    return "<ErrorResponse xmlns=\"%s\"><Error>%s</Error>%s</ErrorResponse>"
        .formatted(XMLNS, detail, requestId());
  }

  private String listTopics() {
    StringBuilder members = new StringBuilder();
    registry.topics().forEach(t -> members.append(element("member", tag("TopicArn", t.arn()))));
    return element("Topics", members.toString());
  }

  private String topicAttributes(Topic topic) {
    Map<String, String> attributes =
        Map.of(
            "TopicArn",
            topic.arn(),
            "Owner",
            accountId,
            "DisplayName",
            "",
            "SubscriptionsConfirmed",
            String.valueOf(topic.subscriptions().size()),
            "SubscriptionsPending",
            "0",
            "SubscriptionsDeleted",
            "0");
    StringBuilder entries = new StringBuilder();
    attributes.forEach((k, v) -> entries.append(element("entry", tag("key", k) + tag("value", v))));
    return element("Attributes", entries.toString());
  }

  private String subscribe(QueryRequest request) {
    String protocol = request.required("Protocol");
    if (!protocol.equals("sqs")) {
      throw SnsError.invalidParameter(
          "Only the sqs protocol is supported locally, not " + protocol);
    }
    boolean raw = false;
    FilterPolicy policy = null;
    for (Map.Entry<String, String> attribute : request.stringMap("Attributes").entrySet()) {
      if (attribute.getKey().equals("FilterPolicy")) {
        policy = FilterPolicy.parse(attribute.getValue());
      } else {
        raw = rawDeliveryAttribute(attribute.getKey(), attribute.getValue());
      }
    }
    Subscription subscription =
        registry.subscribe(request.required("TopicArn"), request.required("Endpoint"), raw);
    subscription.filterPolicy(policy);
    return tag("SubscriptionArn", subscription.arn());
  }

  private String setSubscriptionAttributes(QueryRequest request) {
    Subscription subscription = registry.subscription(request.required("SubscriptionArn"));
    String value = request.optional("AttributeValue");
    if (request.required("AttributeName").equals("FilterPolicy")) {
      subscription.filterPolicy(FilterPolicy.parse(value));
      return "";
    }
    subscription.rawDelivery(
        rawDeliveryAttribute(request.required("AttributeName"), value == null ? "" : value));
    return "";
  }

  /** Rejects attributes we do not implement rather than ignoring them. */
  private static boolean rawDeliveryAttribute(String name, String value) {
    if (!name.equals("RawMessageDelivery")) {
      throw SnsError.invalidParameter("Only RawMessageDelivery is supported locally, not " + name);
    }
    return Boolean.parseBoolean(value);
  }

  private String listSubscriptions(Collection<Subscription> subscriptions) {
    StringBuilder members = new StringBuilder();
    for (Subscription s : subscriptions) {
      members
          .append("<member>")
          .append(tag("SubscriptionArn", s.arn()))
          .append(tag("TopicArn", s.topicArn()))
          .append(tag("Protocol", "sqs"))
          .append(tag("Endpoint", s.queueArn()))
          .append(tag("Owner", accountId))
          .append("</member>");
    }
    return element("Subscriptions", members.toString());
  }

  private String publish(Topic topic, QueryRequest request) {
    Map<String, MessageAttribute> attributes = request.messageAttributes();
    Notification notification =
        new Notification(
            UUID.randomUUID().toString(),
            topic.arn(),
            request.optional("Subject"),
            request.required("Message"),
            attributes,
            Instant.now());
    // Synchronous fan-out: when Publish answers 200, every queue has the message; a failed
    // delivery fails the whole call, so the publisher retries (duplicates are fine, loss is not).
    topic.subscriptions().stream()
        .filter(s -> s.accepts(attributes))
        .forEach(s -> forwarder.deliver(notification, s));
    return notification.messageId();
  }

  private String publishBatch(QueryRequest request) {
    Topic topic = registry.topic(request.required("TopicArn"));
    StringBuilder successful = new StringBuilder();
    StringBuilder failed = new StringBuilder();
    for (QueryRequest entry : request.members("PublishBatchRequestEntries.member.")) {
      String id = entry.required("Id");
      try {
        successful.append(
            element("member", tag("Id", id) + tag("MessageId", publish(topic, entry))));
      } catch (SnsError e) {
        if (e.status() >= 500) {
          throw e;
        }
        // As SNS does: an entry it refuses (e.g. an empty message) fails alone, the rest go out.
        failed.append(
            element(
                "member",
                tag("Id", id)
                    + tag("Code", e.code())
                    + tag("Message", e.getMessage())
                    + tag("SenderFault", "true")));
      }
    }
    if (successful.isEmpty() && failed.isEmpty()) {
      throw SnsError.invalidParameter("The batch request doesn't contain any entries.");
    }
    // A delivery failure still fails the whole call (see publish): nothing is half delivered.
    return element("Successful", successful.toString())
        + (failed.isEmpty() ? "<Failed/>" : element("Failed", failed.toString()));
  }

  /** An element with escaped text content. */
  private static String tag(String name, String text) {
    return element(name, escape(text));
  }

  /** An element whose content is already XML. */
  private static String element(String name, String xml) {
    return "<" + name + ">" + xml + "</" + name + ">";
  }

  private static String requestId() {
    return tag("RequestId", UUID.randomUUID().toString());
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
