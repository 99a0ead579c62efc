package dev.imageservice.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.db.JdbiFactory;
import dev.imageservice.common.event.EventJson;
import dev.imageservice.common.event.ImageUploaded;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.testing.TestClock;
import dev.imageservice.localinfra.LocalInfrastructure;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The relay against the real thing: PostgreSQL, the local SNS endpoint and ElasticMQ, with the
 * topic subscribed to the request queue as in production.
 */
class OutboxRelayTest {

  private static final Duration PUBLISH_LEASE = Duration.ofMinutes(1);
  private static final Duration RETENTION = Duration.ofDays(7);

  private static LocalInfrastructure infrastructure;
  private static Jdbi jdbi;
  private static SnsClient sns;
  private static String queueUrl;
  private static final AtomicInteger batchRequests = new AtomicInteger();

  private final OutboxRepository outbox = new OutboxRepository();
  private final TestClock clock = new TestClock();

  @BeforeAll
  static void start() {
    infrastructure = LocalInfrastructure.start(LocalInfrastructureSettings.ephemeral());
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(infrastructure.endpoints().jdbcUrl());
    dataSource.setPassword(infrastructure.endpoints().dbPassword());
    Flyway.configure().dataSource(dataSource).load().migrate();
    jdbi = JdbiFactory.create(dataSource);
    // Counts the PublishBatch requests that actually leave the client.
    ExecutionInterceptor counter =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof PublishBatchRequest) {
              batchRequests.incrementAndGet();
            }
          }
        };
    sns =
        LocalInfrastructure.client(
            SnsClient.builder().overrideConfiguration(o -> o.addExecutionInterceptor(counter)),
            infrastructure.endpoints().sns());
    queueUrl =
        infrastructure.sqs().getQueueUrl(r -> r.queueName(LocalInfrastructure.QUEUE)).queueUrl();
  }

  @AfterAll
  static void stop() {
    sns.close();
    infrastructure.close();
  }

  @BeforeEach
  void clear() {
    jdbi.useHandle(h -> h.execute("truncate outbox"));
    infrastructure.sqs().purgeQueue(r -> r.queueUrl(queueUrl));
    batchRequests.set(0);
  }

  @Test
  void publishesEveryDueEventTenPerRequestAndMarksThemSent() {
    Set<String> written = write(25);

    int published = relay(publisher()).relayOnce();

    assertThat(published).isEqualTo(25);
    assertThat(batchRequests).hasValue(3);
    assertThat(backlog()).isZero();
    assertThat(receiveEventIds(25)).isEqualTo(written);
  }

  @Test
  void holdsNoRowLockWhilePublishingAndNoOtherRelayTakesTheClaimedRows() {
    write(3);
    List<String> duringPublish = new ArrayList<>();
    OutboxRelay other = relay(publisher());
    EventPublisher observing =
        batch -> {
          // Another transaction can lock the rows being published: the relay holds no lock.
          List<Long> ids = batch.stream().map(OutboxMessage::id).toList();
          int locked =
              jdbi.inTransaction(
                  h ->
                      h.createQuery("select id from outbox where id = any(:ids) for update nowait")
                          .bind("ids", ids.toArray(Long[]::new))
                          .mapTo(Long.class)
                          .list()
                          .size());
          duringPublish.add("locked " + locked);
          duringPublish.add("other relay published " + other.relayOnce());
          return publisher().publish(batch);
        };

    assertThat(relay(observing).relayOnce()).isEqualTo(3);

    assertThat(duringPublish).containsExactly("locked 3", "other relay published 0");
    assertThat(receiveEventIds(3)).hasSize(3);
  }

  @Test
  void rowsOfARelayThatDiedMidPublishAreDueAgainWhenItsPublishLeaseEnds() {
    Set<String> written = write(4);
    // A relay claimed them and died before publishing anything.
    jdbi.useTransaction(
        h -> outbox.claimDue(h, clock.instant(), clock.instant().plus(PUBLISH_LEASE), 50));
    OutboxRelay survivor = relay(publisher());

    assertThat(survivor.relayOnce()).isZero();
    clock.advance(PUBLISH_LEASE.plusSeconds(1));
    assertThat(survivor.relayOnce()).isEqualTo(4);

    assertThat(receiveEventIds(4)).isEqualTo(written);
  }

  @Test
  void aFailedPublishKeepsTheRowsAndRetriesThemAfterABackoff() {
    Set<String> written = write(2);
    String unknownTopic = "arn:aws:sns:us-east-1:000000000000:no-such-topic";

    assertThat(relay(new SnsEventPublisher(sns, unknownTopic)).relayOnce()).isZero();

    assertThat(backlog()).isEqualTo(2);
    int retriedLater =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select count(*) from outbox where attempts = 1"
                            + " and last_error is not null and next_attempt_at > :now")
                    .bind("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                    .mapTo(Integer.class)
                    .one());
    assertThat(retriedLater).isEqualTo(2);
    OutboxRelay healthy = relay(publisher());
    assertThat(healthy.relayOnce()).as("not due before the back-off ends").isZero();
    clock.advance(OutboxRelay.backoff(0));
    assertThat(healthy.relayOnce()).isEqualTo(2);
    assertThat(receiveEventIds(2)).isEqualTo(written);
  }

  @Test
  void anEntrySnsRefusesIsRetriedAloneWhileTheRestOfItsBatchIsSent() {
    Set<String> written = write(3);
    // A row SNS refuses inside a batch (an empty message is refused per entry, as by AWS).
    jdbi.useHandle(
        h ->
            h.execute(
                "insert into outbox (event_id, event_type, job_id, payload, created_at,"
                    + " next_attempt_at) values (gen_random_uuid(), 'image.uploaded',"
                    + " gen_random_uuid(), '', now(), ?)",
                clock.instant().atOffset(java.time.ZoneOffset.UTC)));

    assertThat(relay(publisher()).relayOnce()).isEqualTo(3);

    assertThat(batchRequests).hasValue(1);
    assertThat(receiveEventIds(3)).isEqualTo(written);
    String refused =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select attempts || ' ' || left(last_error, 16) from outbox"
                            + " where published_at is null")
                    .mapTo(String.class)
                    .one());
    assertThat(refused).isEqualTo("1 InvalidParameter");
  }

  @Test
  void prunesPublishedRowsOnlyOnceTheRetentionHasPassed() {
    write(3);
    OutboxRelay relay = relay(publisher());
    assertThat(relay.relayOnce()).isEqualTo(3);
    clock.advance(RETENTION.minusMinutes(1));
    write(1);
    assertThat(relay.relayOnce()).isEqualTo(1);
    jdbi.useHandle(
        h ->
            outbox.add(
                h,
                uploaded(),
                clock.instant().plus(Duration.ofHours(1)))); // not due yet: stays unpublished

    assertThat(relay.prune()).as("nothing is past the retention yet").isZero();
    clock.advance(Duration.ofMinutes(2));
    assertThat(relay.prune()).isEqualTo(3);

    assertThat(rows()).isEqualTo(2);
    assertThat(backlog()).isEqualTo(1);
  }

  private OutboxRelay relay(EventPublisher publisher) {
    return new OutboxRelay(
        jdbi,
        outbox,
        publisher,
        new OutboxRelay.Settings(
            Duration.ofMillis(100), 50, PUBLISH_LEASE, RETENTION, Duration.ofHours(1)),
        clock);
  }

  private EventPublisher publisher() {
    return new SnsEventPublisher(sns, infrastructure.endpoints().topicArn());
  }

  private Set<String> write(int count) {
    Set<String> eventIds = new HashSet<>();
    jdbi.useTransaction(
        h -> {
          for (int i = 0; i < count; i++) {
            ImageUploaded event = uploaded();
            outbox.add(h, event, clock.instant());
            eventIds.add(event.eventId().toString());
          }
        });
    return eventIds;
  }

  private ImageUploaded uploaded() {
    UUID jobId = UUID.randomUUID();
    return ImageUploaded.announcing(
        jobId,
        "tenant",
        new Job.Original("images", "tenant/" + jobId, "image/jpeg", 1, null, null),
        List.of("small"),
        clock.instant());
  }

  /** Receives (and deletes) messages until {@code expected} arrived or the queue stays empty. */
  private Set<String> receiveEventIds(int expected) {
    Set<String> eventIds = new HashSet<>();
    for (int polls = 0; polls < 20 && eventIds.size() < expected; polls++) {
      List<Message> messages =
          infrastructure
              .sqs()
              .receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      for (Message m : messages) {
        eventIds.add(EventJson.read(m.body(), ImageUploaded.class).eventId().toString());
        infrastructure
            .sqs()
            .deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return eventIds;
  }

  private long backlog() {
    return jdbi.withHandle(outbox::backlog);
  }

  private long rows() {
    return jdbi.withHandle(
        h -> h.createQuery("select count(*) from outbox").mapTo(Long.class).one());
  }
}
