package dev.imageservice.localinfra.sns;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-memory topics and their SQS subscriptions. Thread-safe: maps are concurrent, and subscribing
 * locks the topic so that two concurrent identical subscribes yield one subscription.
 */
final class TopicRegistry {

  private final String region;
  private final String accountId;
  private final ConcurrentMap<String, Topic> topicsByArn = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Subscription> subscriptionsByArn = new ConcurrentHashMap<>();

  TopicRegistry(String region, String accountId) {
    this.region = region;
    this.accountId = accountId;
  }

  /** Creates the topic, or returns the existing one of that name (CreateTopic is idempotent). */
  Topic createTopic(String name) {
    if (!name.matches("[A-Za-z0-9_-]{1,256}")) {
      throw SnsError.invalidParameter("Invalid parameter: Topic Name");
    }
    String arn = "arn:aws:sns:%s:%s:%s".formatted(region, accountId, name);
    return topicsByArn.computeIfAbsent(arn, Topic::new);
  }

  Topic topic(String arn) {
    Topic topic = topicsByArn.get(arn);
    if (topic == null) {
      throw SnsError.notFound("Topic does not exist");
    }
    return topic;
  }

  Collection<Topic> topics() {
    return List.copyOf(topicsByArn.values());
  }

  void deleteTopic(String arn) {
    Topic removed = topicsByArn.remove(arn);
    if (removed != null) {
      synchronized (removed) {
        removed.subscriptions.keySet().forEach(subscriptionsByArn::remove);
      }
    }
  }

  /** Subscribes an SQS queue; subscribing the same queue again returns the same subscription. */
  Subscription subscribe(String topicArn, String queueArn, boolean rawDelivery) {
    Topic topic = topic(topicArn);
    String[] arnParts = queueArn.split(":", -1);
    if (arnParts.length != 6 || !arnParts[0].equals("arn") || !arnParts[2].equals("sqs")) {
      throw SnsError.invalidParameter("Invalid parameter: SQS endpoint ARN " + queueArn);
    }
    synchronized (topic) {
      // A concurrent DeleteTopic may have won; do not leave an orphan subscription behind.
      if (topicsByArn.get(topicArn) != topic) {
        throw SnsError.notFound("Topic does not exist");
      }
      for (Subscription existing : topic.subscriptions.values()) {
        if (existing.queueArn().equals(queueArn)) {
          if (existing.rawDelivery() != rawDelivery) {
            throw SnsError.invalidParameter(
                "Invalid parameter: Attributes Reason: Subscription already exists with different"
                    + " attributes");
          }
          return existing;
        }
      }
      String arn = topicArn + ":" + UUID.randomUUID();
      Subscription created = new Subscription(arn, topicArn, queueArn, arnParts[5], rawDelivery);
      topic.subscriptions.put(arn, created);
      subscriptionsByArn.put(arn, created);
      return created;
    }
  }

  Subscription subscription(String arn) {
    return Optional.ofNullable(subscriptionsByArn.get(arn))
        .orElseThrow(() -> SnsError.notFound("Subscription does not exist"));
  }

  /** Removes the subscription; unknown ARNs are ignored, as SNS does. */
  void unsubscribe(String arn) {
    Subscription removed = subscriptionsByArn.remove(arn);
    if (removed != null) {
      Topic topic = topicsByArn.get(removed.topicArn());
      if (topic != null) {
        topic.subscriptions.remove(arn);
      }
    }
  }

  /** A topic; its subscription map is concurrent so publishing can iterate while others change. */
  static final class Topic {
    private final String arn;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    private Topic(String arn) {
      this.arn = arn;
    }

    String arn() {
      return arn;
    }

    List<Subscription> subscriptions() {
      return List.copyOf(subscriptions.values());
    }
  }

  /** An SQS subscription; raw delivery can be switched later, hence volatile. */
  static final class Subscription {
    private final String arn;
    private final String topicArn;
    private final String queueArn;
    private final String queueName;
    private volatile boolean rawDelivery;
    private volatile FilterPolicy filterPolicy;

    private Subscription(
        String arn, String topicArn, String queueArn, String queueName, boolean rawDelivery) {
      this.arn = arn;
      this.topicArn = topicArn;
      this.queueArn = queueArn;
      this.queueName = queueName;
      this.rawDelivery = rawDelivery;
    }

    String arn() {
      return arn;
    }

    String topicArn() {
      return topicArn;
    }

    String queueArn() {
      return queueArn;
    }

    String queueName() {
      return queueName;
    }

    boolean rawDelivery() {
      return rawDelivery;
    }

    void rawDelivery(boolean raw) {
      this.rawDelivery = raw;
    }

    void filterPolicy(FilterPolicy policy) {
      this.filterPolicy = policy;
    }

    /** Whether a message with these attributes is delivered to this subscription. */
    boolean accepts(Map<String, QueryRequest.MessageAttribute> attributes) {
      FilterPolicy policy = filterPolicy;
      return policy == null || policy.accepts(attributes);
    }
  }
}
