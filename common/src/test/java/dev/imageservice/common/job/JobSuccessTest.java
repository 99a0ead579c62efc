package dev.imageservice.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.db.JdbiFactory;
import dev.imageservice.common.event.EventJson;
import dev.imageservice.common.event.ThumbnailRef;
import dev.imageservice.common.event.ThumbnailsGenerated;
import dev.imageservice.common.outbox.OutboxRepository;
import dev.imageservice.common.preset.PresetFit;
import dev.imageservice.common.preset.PresetSnapshot;
import dev.imageservice.common.preset.RecordedPresets;
import dev.imageservice.common.testing.TestClock;
import dev.imageservice.common.testing.TestDatabase;
import dev.imageservice.common.testing.TestRelays;
import dev.imageservice.common.trace.TraceContexts;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JobLifecycle#succeed} against a real PostgreSQL, where it is one statement of several
 * parts: each part writes only when the fenced update matched, the renditions end exactly as
 * rendered, and the outbox row is the one {@link OutboxRepository#add} writes for the event.
 */
class JobSuccessTest {

  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final String CURRENT_TRACE =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private final Jdbi jdbi = TestDatabase.jdbi();
  private final TestClock clock = new TestClock();
  private final OutboxRepository outbox = new OutboxRepository(new FixedTrace());
  private final JobLifecycle lifecycle = lifecycle(jdbi);

  @BeforeEach
  void clear() {
    TestDatabase.clear();
  }

  @Test
  void aLostClaimWritesNothingAndLeavesTheWinnersRowsAlone() {
    UUID jobId = created(List.of("small", "medium"), List.of(snapshot("small", 2)));
    Claim late = lifecycle.claim(jobId, LEASE).orElseThrow();
    clock.advance(LEASE.plusSeconds(1));
    Claim winner = lifecycle.claim(jobId, LEASE).orElseThrow();
    List<Thumbnail> lateRenditions =
        List.of(
            thumbnail("small", "image/webp", "late/small.webp", false),
            thumbnail("medium", "image/jpeg", "late/medium.jpg", false));
    String whileHeld = everythingWritten(jobId);

    assertThat(lifecycle.succeed(late, lateRenditions, 640, 480, "late=")).isFalse();
    assertThat(everythingWritten(jobId)).isEqualTo(whileHeld);

    assertThat(
            lifecycle.succeed(
                winner, List.of(thumbnail("small", "image/jpeg", "b/small.jpg", false)), 10, 8))
        .isTrue();
    String afterWinner = everythingWritten(jobId);

    assertThat(lifecycle.succeed(late, lateRenditions, 640, 480, "late=")).isFalse();
    assertThat(everythingWritten(jobId)).isEqualTo(afterWinner);
  }

  @Test
  void aRenderReplacesEveryRenditionAndOneThatChangedFormatLeavesNoStaleRow() {
    UUID jobId =
        created(
            List.of("small", "medium", "large"),
            List.of(snapshot("small", 3), snapshot("medium", 1)));
    Claim claim = lifecycle.claim(jobId, LEASE).orElseThrow();
    // What an earlier render left: small in JPEG with a WebP extra, medium and large in JPEG.
    JobRepository jobs = new JobRepository();
    jdbi.useHandle(
        h -> {
          jobs.upsertThumbnail(h, jobId, thumbnail("small", "image/jpeg", "old/small.jpg", false));
          jobs.upsertThumbnail(h, jobId, thumbnail("small", "image/webp", "old/small.webp", true));
          jobs.upsertThumbnail(
              h, jobId, thumbnail("medium", "image/jpeg", "old/medium.jpg", false));
          jobs.upsertThumbnail(h, jobId, thumbnail("large", "image/jpeg", "old/large.jpg", false));
          new RecordedPresets().markVersion(h, jobId, "large", 7);
        });

    // small's own format is now WebP; large has no recorded definition.
    boolean succeeded =
        lifecycle.succeed(
            claim,
            List.of(
                thumbnail("small", "image/webp", "new/small.webp", false),
                new Thumbnail("medium", "thumbnails", "new/medium.jpg", 300, 200, "image/jpeg", 9),
                thumbnail("large", "image/jpeg", "new/large.jpg", false)),
            10,
            8);

    assertThat(succeeded).isTrue();
    assertThat(renditions(jobId))
        .containsExactly(
            "large image/jpeg own new/large.jpg 10x8 100 v1",
            "medium image/jpeg own new/medium.jpg 300x200 9 v1",
            "small image/webp own new/small.webp 10x8 100 v3");
  }

  @Test
  void theOutboxRowIsTheOneAddWritesForTheSameEvent() {
    UUID jobId = created(List.of("small"), List.of());
    Claim claim = lifecycle.claim(jobId, LEASE).orElseThrow();
    clock.advance(Duration.ofSeconds(3));
    Instant now = clock.instant();
    List<Thumbnail> stored =
        List.of(
            thumbnail("small", "image/jpeg", "t/small.jpg", false),
            thumbnail("small", "image/avif", "t/small.avif", true));

    assertThat(lifecycle.succeed(claim, stored, 10, 8, "3OcRJYB4d3h/iIeHeEh3eIhw+j2w")).isTrue();

    Map<String, Object> folded = generatedRow(jobId);
    UUID eventId = (UUID) folded.get("event_id");
    ThumbnailsGenerated expected =
        new ThumbnailsGenerated(
            eventId,
            ThumbnailsGenerated.TYPE,
            1,
            now,
            jobId,
            "tenant",
            List.of(
                new ThumbnailRef("small", "thumbnails", "t/small.jpg", 10, 8, "image/jpeg", 100),
                new ThumbnailRef(
                    "small", "thumbnails", "t/small.avif", 10, 8, "image/avif", 100, true)),
            "3OcRJYB4d3h/iIeHeEh3eIhw+j2w");
    assertThat(folded.get("payload")).isEqualTo(EventJson.write(expected));
    assertThat(folded.get("event_type")).isEqualTo("thumbnails.generated");
    assertThat(folded.get("traceparent")).isEqualTo(CURRENT_TRACE);
    // The same event added alone, as the transaction of separate statements did, reads the same.
    jdbi.useHandle(
        h -> {
          h.execute("delete from outbox where event_id = ?", eventId);
          outbox.add(h, expected, now);
        });
    assertThat(generatedRow(jobId)).isEqualTo(folded);
  }

  @Test
  void aSuccessIsOneStatementOutsideATransaction() {
    StatementCounter counter = new StatementCounter();
    Jdbi counted = JdbiFactory.create(TestDatabase.dataSource()).setSqlLogger(counter);
    JobLifecycle countedLifecycle = lifecycle(counted);
    Claim claim = countedLifecycle.claim(created(List.of("small"), List.of()), LEASE).orElseThrow();
    counter.reset();

    assertThat(
            countedLifecycle.succeed(
                claim, List.of(thumbnail("small", "image/jpeg", "t/small.jpg", false)), 10, 8))
        .isTrue();

    // Each statement is a round trip, and a transaction adds its commit.
    assertThat(counter.statements).isEqualTo(1);
    assertThat(counter.inTransaction).isFalse();
  }

  private JobLifecycle lifecycle(Jdbi database) {
    return new JobLifecycle(
        database, new JobRepository(), outbox, TestRelays.idle(database, outbox, clock), clock);
  }

  private UUID created(List<String> presets, List<PresetSnapshot> definitions) {
    UUID jobId = UUID.randomUUID();
    NewJob job =
        new NewJob(
            jobId,
            "tenant",
            presets,
            new Job.Original("images", "tenant/" + jobId, "image/jpeg", 1234, null, null),
            null);
    return lifecycle.create(job, definitions).orElseThrow().jobId();
  }

  // The job's row, its renditions and every outbox row, as text: equal text, nothing written.
  private String everythingWritten(UUID jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    select cast(to_jsonb(j) as text)
                        || coalesce((select cast(jsonb_agg(to_jsonb(t)
                                         order by t.preset, t.content_type) as text)
                                     from thumbnails t where t.job_id = j.job_id), '[]')
                        || (select cast(jsonb_agg(to_jsonb(o) order by o.id) as text) from outbox o)
                    from jobs j where j.job_id = :jobId
                    """)
                .bind("jobId", jobId)
                .mapTo(String.class)
                .one());
  }

  private List<String> renditions(UUID jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    select preset || ' ' || content_type
                        || case when alternate then ' extra ' else ' own ' end
                        || object_key || ' ' || width || 'x' || height || ' ' || bytes
                        || ' v' || preset_version
                    from thumbnails where job_id = :jobId order by preset, content_type
                    """)
                .bind("jobId", jobId)
                .mapTo(String.class)
                .list());
  }

  // Every column but the serial id.
  private Map<String, Object> generatedRow(UUID jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    select event_id, event_type, job_id, payload, created_at, published_at,
                        attempts, next_attempt_at, last_error, traceparent
                    from outbox where job_id = :jobId and event_type = 'thumbnails.generated'
                    """)
                .bind("jobId", jobId)
                .mapToMap()
                .one());
  }

  private static Thumbnail thumbnail(
      String preset, String contentType, String key, boolean alternate) {
    return new Thumbnail(preset, "thumbnails", key, 10, 8, contentType, 100, alternate);
  }

  private static PresetSnapshot snapshot(String name, int version) {
    return new PresetSnapshot(name, 100, 100, PresetFit.CONTAIN, null, 80, version);
  }

  /** Counts the statements Jdbi runs, and whether any ran inside a transaction. */
  private static final class StatementCounter implements SqlLogger {

    private int statements;
    private boolean inTransaction;

    void reset() {
      statements = 0;
      inTransaction = false;
    }

    @Override
    public void logBeforeExecution(StatementContext context) {
      statements++;
      try {
        inTransaction |= !context.getConnection().getAutoCommit();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A trace context that is always the same, so that the outbox row's can be checked; no spans. */
  private static final class FixedTrace implements TraceContexts {

    @Override
    public String currentTraceparent() {
      return CURRENT_TRACE;
    }

    @Override
    public OpenSpan start(String name, @Nullable String parentTraceparent) {
      return NONE.start(name, parentTraceparent);
    }

    @Override
    public <T> T inSpan(String name, @Nullable String parentTraceparent, Supplier<T> work) {
      return NONE.inSpan(name, parentTraceparent, work);
    }
  }
}
