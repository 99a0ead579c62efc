package dev.imageservice.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.db.JdbiFactory;
import dev.imageservice.common.job.Claim;
import dev.imageservice.common.job.FailureCode;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobLifecycle;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.JobStatus;
import dev.imageservice.common.job.NewJob;
import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.common.outbox.OutboxRepository;
import dev.imageservice.common.testing.TestRelays;
import dev.imageservice.localinfra.EmbeddedPostgresServer;
import dev.imageservice.worker.render.RenderResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two workers and one job on a real PostgreSQL: worker A claims, its lease lapses (the clock is
 * moved on, as a stalled A would see it), worker B claims and finishes. Everything A does late,
 * renewing, releasing, recording success or failure, must change nothing that B recorded.
 */
class FencedClaimTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private static EmbeddedPostgresServer postgres;
  private static Jdbi jdbi;

  private final MovableClock clock = new MovableClock();
  private final JobRepository jobs = new JobRepository();
  private final JobLifecycle lifecycle = lifecycle();
  private final JobOutcomes outcomes = new JobOutcomes(lifecycle, metrics());

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgresServer.start(null, 0);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(postgres.jdbcUrl());
    dataSource.setPassword(postgres.password());
    Flyway.configure().dataSource(dataSource).load().migrate();
    jdbi = JdbiFactory.create(dataSource);
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void aWorkerWhoseLeaseLapsedChangesNothingAfterAnotherWorkerFinished() {
    UUID jobId = lifecycle.create(newJob()).orElseThrow().jobId();
    Claim workerA = lifecycle.claim(jobId, LEASE).orElseThrow();
    clock.advance(LEASE.plusSeconds(1));
    Claim workerB = lifecycle.claim(jobId, LEASE).orElseThrow();
    assertThat(outcomes.succeeded(workerB, result(), List.of(thumbnail("b")))).isTrue();
    Snapshot afterB = snapshot(jobId);

    boolean renewed = lifecycle.extendLease(workerA, LEASE);
    boolean released = lifecycle.release(workerA);
    boolean succeeded = outcomes.succeeded(workerA, result(), List.of(thumbnail("a")));
    boolean failed = outcomes.failed(workerA, new JobError(FailureCode.CORRUPT_IMAGE, "late"));

    assertThat(List.of(renewed, released, succeeded, failed)).containsOnly(false);
    assertThat(snapshot(jobId)).isEqualTo(afterB);
    assertThat(afterB.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(afterB.thumbnailKeys()).containsExactly("thumbnails/b.jpg");
  }

  @Test
  void aWorkerWhoseJobWasClaimedAgainCannotRenewOrReleaseTheNewHoldersClaim() {
    UUID jobId = lifecycle.create(newJob()).orElseThrow().jobId();
    Claim workerA = lifecycle.claim(jobId, LEASE).orElseThrow();
    clock.advance(LEASE.plusSeconds(1));
    Claim workerB = lifecycle.claim(jobId, LEASE).orElseThrow();
    Snapshot held = snapshot(jobId);

    assertThat(lifecycle.extendLease(workerA, LEASE.multipliedBy(10))).isFalse();
    assertThat(lifecycle.release(workerA)).isFalse();
    assertThat(outcomes.failed(workerA, new JobError(FailureCode.CORRUPT_IMAGE, "late"))).isFalse();

    assertThat(snapshot(jobId)).isEqualTo(held);
    assertThat(held.status()).isEqualTo(JobStatus.PROCESSING);
    assertThat(lifecycle.extendLease(workerB, LEASE)).isTrue();
  }

  /** What a user or a subscriber could see of the job: its row, its thumbnails, its events. */
  record Snapshot(
      JobStatus status,
      Instant leaseUntil,
      Integer width,
      List<String> thumbnailKeys,
      long outboxEvents) {}

  private Snapshot snapshot(UUID jobId) {
    return jdbi.withHandle(
        h -> {
          Job job = jobs.find(h, jobId).orElseThrow();
          List<String> keys = jobs.thumbnails(h, jobId).stream().map(Thumbnail::key).toList();
          long events =
              h.createQuery("select count(*) from outbox where job_id = :jobId")
                  .bind("jobId", jobId)
                  .mapTo(Long.class)
                  .one();
          return new Snapshot(job.status(), job.leaseUntil(), job.original().width(), keys, events);
        });
  }

  private JobLifecycle lifecycle() {
    OutboxRepository outbox = new OutboxRepository();
    return new JobLifecycle(jdbi, jobs, outbox, TestRelays.idle(jdbi, outbox, clock), clock);
  }

  private JobMetrics metrics() {
    return new JobMetrics(
        new SimpleMeterRegistry(), clock, new InFlightJobs(lifecycle), new RenderMemoryBudget(1));
  }

  private static RenderResult result() {
    return new RenderResult("jpeg", 640, 480, List.of());
  }

  private static Thumbnail thumbnail(String worker) {
    return new Thumbnail(
        "small", "thumbnails", "thumbnails/" + worker + ".jpg", 64, 48, "image/jpeg", 10);
  }

  private static NewJob newJob() {
    UUID jobId = UUID.randomUUID();
    return new NewJob(
        jobId,
        "tenant",
        List.of("small"),
        new Job.Original("images", "tenant/" + jobId, "image/jpeg", 1234, null, null),
        null);
  }

  /** A real clock the test moves on by hand, so that a lease lapses without waiting. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("always UTC");
    }
  }
}
