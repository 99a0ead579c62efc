package dev.imageservice.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.outbox.OutboxRelay;
import dev.imageservice.common.outbox.OutboxRepository;
import dev.imageservice.common.testing.TestClock;
import dev.imageservice.common.testing.TestDatabase;
import dev.imageservice.common.testing.TestRelays;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The state machine against a real PostgreSQL: every move of {@link JobTransition} is tried from
 * every state; the allowed ones change the status and write their event, the others change nothing.
 */
class JobLifecycleTest {

  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Set<JobTransition> SILENT =
      Set.of(JobTransition.CLAIM, JobTransition.RELEASE, JobTransition.EXPIRE);
  private static final JobError ERROR = new JobError(FailureCode.CORRUPT_IMAGE, "test");
  private static final List<Thumbnail> THUMBNAILS =
      List.of(new Thumbnail("small", "thumbnails", "t/small.jpg", 10, 8, "image/jpeg", 100));

  private final Jdbi jdbi = TestDatabase.jdbi();
  private final JobRepository jobs = new JobRepository();
  private final TestClock clock = new TestClock();
  private final JobLifecycle lifecycle = lifecycle(clock);
  private final DirectUploadLifecycle uploads =
      new DirectUploadLifecycle(jdbi, new OutboxRepository(), relay(clock), clock);

  private JobLifecycle lifecycle(TestClock clock) {
    return new JobLifecycle(jdbi, jobs, new OutboxRepository(), relay(clock), clock);
  }

  private OutboxRelay relay(TestClock clock) {
    return TestRelays.idle(jdbi, new OutboxRepository(), clock);
  }

  @BeforeEach
  void clear() {
    TestDatabase.clear();
  }

  static Stream<Arguments> everyMoveFromEveryState() {
    return Arrays.stream(JobTransition.values())
        .flatMap(move -> Arrays.stream(JobStatus.values()).map(from -> Arguments.of(move, from)));
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("everyMoveFromEveryState")
  void aMoveHappensExactlyFromTheStatesItAllows(JobTransition move, JobStatus from) {
    Claim claim = jobIn(from);
    // Every lease has long expired and the job was untouched for an hour: only the state decides.
    clock.advance(Duration.ofHours(1));
    long eventsBefore = TestDatabase.outboxRows();

    boolean moved = perform(move, claim);

    boolean allowed = move.allowedFrom(from);
    assertThat(moved).isEqualTo(allowed);
    assertThat(status(claim.jobId())).isEqualTo(allowed ? move.to() : from);
    long events = allowed && !SILENT.contains(move) ? 1 : 0;
    assertThat(TestDatabase.outboxRows() - eventsBefore).isEqualTo(events);
  }

  @Test
  void aLiveClaimCannotBeTakenExhaustedOrSweptAway() {
    Claim claim = jobIn(JobStatus.PROCESSING);

    assertThat(lifecycle.claim(claim.jobId(), LEASE)).isEmpty();
    assertThat(lifecycle.exhaust(claim.jobId(), ERROR)).isEmpty();
    assertThat(lifecycle.sweep(new SweepPolicy(Duration.ZERO, Duration.ZERO, 0, 10)).total())
        .isZero();
    assertThat(status(claim.jobId())).isEqualTo(JobStatus.PROCESSING);
  }

  @Test
  void eachClaimTakesANewTokenAndTheOldTokenChangesNothing() {
    Claim first = jobIn(JobStatus.PROCESSING);
    clock.advance(LEASE.plusSeconds(1));
    Claim second = lifecycle.claim(first.jobId(), LEASE).orElseThrow();
    long events = TestDatabase.outboxRows();

    assertThat(second.token()).isEqualTo(first.token() + 1);
    assertThat(lifecycle.extendLease(first, LEASE)).isFalse();
    assertThat(lifecycle.release(first)).isFalse();
    assertThat(lifecycle.fail(first, ERROR)).isFalse();
    assertThat(lifecycle.succeed(first, THUMBNAILS, 10, 8)).isFalse();

    Job job = jdbi.withHandle(h -> jobs.find(h, first.jobId())).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.PROCESSING);
    assertThat(job.leaseUntil()).isEqualTo(clock.instant().plus(LEASE));
    assertThat(job.original().width()).isNull();
    assertThat(thumbnails(first.jobId())).isEmpty();
    assertThat(TestDatabase.outboxRows()).isEqualTo(events);
    assertThat(lifecycle.succeed(second, THUMBNAILS, 10, 8)).isTrue();
    assertThat(thumbnails(first.jobId())).hasSize(1);
  }

  @Test
  void aJobKeepsItsFormatsAndStoresEveryRenditionOwnFirst() {
    UUID jobId = UUID.randomUUID();
    NewJob asked =
        new NewJob(
            jobId,
            "tenant",
            List.of("small"),
            new Job.Original("images", "tenant/" + jobId, "image/jpeg", 1234, null, null),
            null,
            List.of("webp", "avif"));
    assertThat(lifecycle.create(asked).orElseThrow().formats()).containsExactly("webp", "avif");
    Claim claim = lifecycle.claim(jobId, LEASE).orElseThrow();
    assertThat(claim.job().formats()).containsExactly("webp", "avif");
    List<Thumbnail> renditions =
        List.of(
            new Thumbnail("small", "thumbnails", "t/small.webp", 10, 8, "image/webp", 70, true),
            new Thumbnail("small", "thumbnails", "t/small.jpg", 10, 8, "image/jpeg", 100),
            new Thumbnail("small", "thumbnails", "t/small.avif", 10, 8, "image/avif", 50, true));

    assertThat(lifecycle.succeed(claim, renditions, 10, 8)).isTrue();

    assertThat(thumbnails(jobId))
        .extracting(t -> t.contentType() + (t.alternate() ? "+" : ""))
        .containsExactly("image/jpeg", "image/avif+", "image/webp+");
  }

  @Test
  void anAbandonedJobIsRequeuedUpToTheBoundThenFailsAbandoned() {
    SweepPolicy policy = new SweepPolicy(Duration.ofMinutes(5), Duration.ofMinutes(10), 2, 10);
    Claim claim = jobIn(JobStatus.PROCESSING);
    for (int round = 1; round <= 2; round++) {
      clock.advance(LEASE.plus(Duration.ofMinutes(11)));
      assertThat(lifecycle.sweep(policy)).isEqualTo(new SweepResult(0, 1, 0));
      assertThat(status(claim.jobId())).isEqualTo(JobStatus.QUEUED);
      lifecycle.claim(claim.jobId(), LEASE).orElseThrow();
    }
    clock.advance(LEASE.plus(Duration.ofMinutes(11)));

    assertThat(lifecycle.sweep(policy)).isEqualTo(new SweepResult(0, 0, 1));
    Job job = jdbi.withHandle(h -> jobs.find(h, claim.jobId())).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.error()).isNotNull();
    assertThat(job.error().code()).isEqualTo(FailureCode.ABANDONED);

    // An operator's retry starts the count again.
    assertThat(lifecycle.retry(claim.jobId())).isPresent();
    lifecycle.claim(claim.jobId(), LEASE).orElseThrow();
    clock.advance(LEASE.plus(Duration.ofMinutes(11)));
    assertThat(lifecycle.sweep(policy)).isEqualTo(new SweepResult(0, 1, 0));
  }

  @Test
  void aRepeatedUploadWithTheSameKeyCreatesNothing() {
    NewJob job = newJob("key-1");
    assertThat(lifecycle.create(job)).isPresent();
    assertThat(
            lifecycle.create(
                new NewJob(UUID.randomUUID(), "tenant", List.of("small"), job.original(), "key-1")))
        .isEmpty();
    assertThat(TestDatabase.outboxRows()).isEqualTo(1);
  }

  private boolean perform(JobTransition move, Claim claim) {
    UUID jobId = claim.jobId();
    return switch (move) {
      case CLAIM -> lifecycle.claim(jobId, LEASE).isPresent();
      case SUCCEED -> lifecycle.succeed(claim, THUMBNAILS, 10, 8);
      case FAIL -> lifecycle.fail(claim, ERROR);
      case RELEASE -> lifecycle.release(claim);
      case EXHAUST -> lifecycle.exhaust(jobId, ERROR).isPresent();
      case REANNOUNCE ->
          lifecycle
                  .sweep(new SweepPolicy(Duration.ofMinutes(5), Duration.ofMinutes(10), 5, 10))
                  .total()
              == 1;
      case ABANDON ->
          lifecycle
                  .sweep(new SweepPolicy(Duration.ofHours(2), Duration.ofMinutes(10), 0, 10))
                  .abandoned()
              == 1;
      case RETRY -> lifecycle.retry(jobId).isPresent();
      case ARRIVE -> uploads.arrive(jobId, 2345, "image/png").isPresent();
      case REJECT -> uploads.reject(jobId, ERROR).isPresent();
      case EXPIRE -> uploads.expire(clock.instant(), 10).size() == 1;
    };
  }

  /** A job in the given state, through the lifecycle itself, with the claim it was last given. */
  private Claim jobIn(JobStatus status) {
    if (status == JobStatus.AWAITING_UPLOAD || status == JobStatus.EXPIRED) {
      return awaitingUpload(status);
    }
    Job created = lifecycle.create(newJob(null)).orElseThrow();
    Claim claim = lifecycle.claim(created.jobId(), LEASE).orElseThrow();
    boolean done =
        switch (status) {
          case QUEUED -> lifecycle.release(claim);
          case PROCESSING -> true;
          case SUCCEEDED -> lifecycle.succeed(claim, THUMBNAILS, 10, 8);
          case FAILED -> lifecycle.fail(claim, ERROR);
          case AWAITING_UPLOAD, EXPIRED -> throw new AssertionError("made by awaitingUpload");
        };
    assertThat(done).isTrue();
    assertThat(status(claim.jobId())).isEqualTo(status);
    return claim;
  }

  // A direct upload's job; it has never been claimed, so its claim carries no token.
  private Claim awaitingUpload(JobStatus status) {
    NewJob job = newJob(null);
    DirectUpload upload =
        new DirectUpload(
            job.jobId(),
            "uploads/" + job.jobId(),
            1234,
            List.of(),
            clock.instant().plus(Duration.ofMinutes(15)));
    Job opened = uploads.open(job, upload).orElseThrow();
    if (status == JobStatus.EXPIRED) {
      assertThat(uploads.expire(clock.instant().plus(Duration.ofMinutes(16)), 10)).hasSize(1);
    }
    assertThat(status(job.jobId())).isEqualTo(status);
    return new Claim(opened, 0);
  }

  @Test
  void anArrivedUploadIsAnnouncedOnceWithItsRealSizeAndLaterPathsChangeNothing() {
    Claim waiting = awaitingUpload(JobStatus.AWAITING_UPLOAD);

    Job queued = uploads.arrive(waiting.jobId(), 999, "image/png").orElseThrow();

    assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(queued.original().bytes()).isEqualTo(999);
    assertThat(queued.original().contentType()).isEqualTo("image/png");
    assertThat(TestDatabase.outboxRows()).isEqualTo(1);
    assertThat(uploads.arrive(waiting.jobId(), 999, "image/png")).isEmpty();
    assertThat(uploads.reject(waiting.jobId(), ERROR)).isEmpty();
    assertThat(uploads.expire(clock.instant().plus(Duration.ofDays(1)), 10)).isEmpty();
    assertThat(TestDatabase.outboxRows()).isEqualTo(1);
  }

  private List<Thumbnail> thumbnails(UUID jobId) {
    return jdbi.withHandle(h -> jobs.thumbnails(h, jobId));
  }

  private JobStatus status(UUID jobId) {
    return jdbi.withHandle(h -> jobs.find(h, jobId)).orElseThrow().status();
  }

  private static NewJob newJob(String idempotencyKey) {
    UUID jobId = UUID.randomUUID();
    return new NewJob(
        jobId,
        "tenant",
        List.of("small"),
        new Job.Original("images", "tenant/" + jobId, "image/jpeg", 1234, null, null),
        idempotencyKey);
  }
}
