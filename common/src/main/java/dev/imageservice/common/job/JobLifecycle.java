package dev.imageservice.common.job;

import dev.imageservice.common.event.ImageEvent;
import dev.imageservice.common.event.ImageUploaded;
import dev.imageservice.common.event.ThumbnailRef;
import dev.imageservice.common.event.ThumbnailsFailed;
import dev.imageservice.common.event.ThumbnailsGenerated;
import dev.imageservice.common.outbox.OutboxRelay;
import dev.imageservice.common.outbox.OutboxRepository;
import dev.imageservice.common.preset.PresetSnapshot;
import dev.imageservice.common.preset.RecordedPresets;
import dev.imageservice.common.telemetry.JobTelemetryRepository;
import dev.imageservice.common.trace.TraceContexts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * The life of a job in one place: every {@link JobTransition}, each in its own transaction with the
 * outbox row that announces it, and the relay woken once that transaction committed. Each move is a
 * conditional update: it says whether it happened and never changes a job in a state the move does
 * not start from, so repeated and late calls (at-least-once delivery, racing workers, a worker
 * whose lease lapsed) change nothing. A holder's moves ({@link #extendLease}, {@link #release},
 * {@link #succeed}, {@link #fail}) are fenced by the {@link Claim}'s token.
 *
 * <p>Database failures surface as Jdbi's unchecked exceptions; nothing is then written. Stateless
 * apart from its collaborators; thread-safe.
 */
public final class JobLifecycle {

  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final OutboxRepository outbox;
  private final OutboxRelay relay;
  private final Clock clock;
  private final TransitionStatements moves = new TransitionStatements();
  private final JobTelemetryRepository telemetry;
  private final TraceContexts traces;
  private final RecordedPresets recorded = new RecordedPresets();
  private final SucceedStatement succeedStatement;

  public JobLifecycle(
      Jdbi jdbi, JobRepository jobs, OutboxRepository outbox, OutboxRelay relay, Clock clock) {
    this(jdbi, jobs, outbox, relay, clock, new JobTelemetryRepository(), TraceContexts.NONE);
  }

  /** A lifecycle that records, with each new job, the trace of the request that created it. */
  public JobLifecycle(
      Jdbi jdbi,
      JobRepository jobs,
      OutboxRepository outbox,
      OutboxRelay relay,
      Clock clock,
      JobTelemetryRepository telemetry,
      TraceContexts traces) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.outbox = outbox;
    this.succeedStatement = new SucceedStatement(outbox);
    this.relay = relay;
    this.clock = clock;
    this.telemetry = telemetry;
    this.traces = traces;
  }

  /** A new {@code QUEUED} job announced by {@code ImageUploaded}; empty if its key was used. */
  public Optional<Job> create(NewJob job) {
    return create(job, List.of());
  }

  /**
   * A new {@code QUEUED} job with the preset definitions resolved for it, recorded with the job and
   * carried by its {@code ImageUploaded}; empty if its key was used.
   */
  public Optional<Job> create(NewJob job, List<PresetSnapshot> definitions) {
    return announced(
        (handle, now) -> {
          if (!jobs.insert(handle, job, now)) {
            return Optional.empty();
          }
          if (!definitions.isEmpty()) {
            recorded.record(handle, job.jobId(), definitions);
          }
          Job created = jobs.find(handle, job.jobId()).orElseThrow();
          outbox.add(handle, uploaded(handle, created, now), now);
          telemetry.recordTrace(
              handle, created.jobId(), TraceContexts.traceIdOf(traces.currentTraceparent()));
          return Optional.of(created);
        });
  }

  /** {@link JobTransition#CLAIM}: empty when unknown, finished or held by a live worker. */
  public Optional<Claim> claim(UUID jobId, Duration lease) {
    // One statement, atomic on its own: no BEGIN/COMMIT round trip around it (one per job).
    return jdbi.withHandle(handle -> moves.claim(handle, jobId, lease, clock.instant()));
  }

  /** Renews the lease; false when the claim was lost (the job was claimed again, or finished). */
  public boolean extendLease(Claim claim, Duration lease) {
    return jdbi.withHandle(handle -> moves.extendLease(handle, claim, lease, clock.instant()));
  }

  /** {@link JobTransition#RELEASE}; false when the claim was lost. */
  public boolean release(Claim claim) {
    return jdbi.withHandle(handle -> moves.release(handle, claim, clock.instant()));
  }

  /**
   * {@link JobTransition#SUCCEED} with the thumbnail rows, the original's dimensions and a {@code
   * ThumbnailsGenerated}, in one statement whose every write is gated on the fenced status update:
   * when the claim was lost nothing at all is written and the answer is false. A rendition of the
   * job not among {@code stored} (a preset that changed format) is deleted.
   */
  public boolean succeed(Claim claim, List<Thumbnail> stored, int width, int height) {
    return succeed(claim, stored, width, height, null);
  }

  /** {@link #succeed(Claim, List, int, int)} recording a ThumbHash placeholder (base64) too. */
  public boolean succeed(
      Claim claim, List<Thumbnail> stored, int width, int height, @Nullable String thumbhash) {
    Instant now = clock.instant();
    Job job = claim.job();
    ImageEvent generated =
        ThumbnailsGenerated.of(job.jobId(), job.tenantId(), refs(stored), now)
            .withThumbhash(thumbhash);
    // One statement in autocommit, atomic on its own, instead of five in a transaction and its
    // commit: every round trip costs the worker CPU (pool, Jdbi, driver) on every job.
    boolean succeeded =
        jdbi.withHandle(
            handle ->
                succeedStatement.execute(
                    handle, claim, now, width, height, thumbhash, stored, generated));
    if (succeeded) {
      relay.wakeUp();
    }
    return succeeded;
  }

  /** {@link JobTransition#FAIL} with a {@code ThumbnailsFailed}; false when the claim was lost. */
  public boolean fail(Claim claim, JobError error) {
    return announced(
            (handle, now) ->
                moves.fail(handle, claim, error, now)
                    ? Optional.of(failed(handle, claim.job(), error, now))
                    : Optional.<Job>empty())
        .isPresent();
  }

  /** {@link JobTransition#EXHAUST}: the job as it was, or empty when finished, unknown or held. */
  public Optional<Job> exhaust(UUID jobId, JobError error) {
    return announced(
        (handle, now) ->
            moves.exhaust(handle, jobId, error, now).map(job -> failed(handle, job, error, now)));
  }

  /**
   * {@link JobTransition#RETRY}: the re-queued job, or empty when unknown or not {@code FAILED}.
   */
  public Optional<Job> retry(UUID jobId) {
    return announced(
        (handle, now) ->
            moves
                .retry(handle, jobId, now)
                .map(
                    job -> {
                      outbox.add(handle, uploaded(handle, job, now), now);
                      return job;
                    }));
  }

  /**
   * One sweep ({@link JobTransition#REANNOUNCE}, {@link JobTransition#ABANDON}): stale {@code
   * QUEUED} jobs announced again, abandoned {@code PROCESSING} jobs re-queued and announced, or,
   * past the bound, {@code FAILED abandoned}.
   */
  public SweepResult sweep(SweepPolicy policy) {
    JobError abandoned =
        new JobError(
            FailureCode.ABANDONED,
            "The worker rendering this image stopped repeatedly; the upload can be retried");
    return announced(
            (handle, now) -> {
              Instant leaseBefore = now.minus(policy.abandonedAfter());
              List<Job> queued =
                  moves.touchStaleQueued(
                      handle, now.minus(policy.queuedAfter()), now, policy.limit());
              List<Job> requeued =
                  moves.requeueAbandoned(
                      handle, leaseBefore, policy.maxReannouncements(), now, policy.limit());
              List<Job> failed =
                  moves.abandon(
                      handle,
                      leaseBefore,
                      policy.maxReannouncements(),
                      abandoned,
                      now,
                      policy.limit());
              queued.forEach(job -> outbox.add(handle, uploaded(handle, job, now), now));
              requeued.forEach(job -> outbox.add(handle, uploaded(handle, job, now), now));
              failed.forEach(job -> failed(handle, job, abandoned, now));
              SweepResult result = new SweepResult(queued.size(), requeued.size(), failed.size());
              return result.total() == 0 ? Optional.<SweepResult>empty() : Optional.of(result);
            })
        .orElse(new SweepResult(0, 0, 0));
  }

  private Job failed(Handle handle, Job job, JobError error, Instant now) {
    outbox.add(handle, ThumbnailsFailed.of(job.jobId(), job.tenantId(), error, now), now);
    return job;
  }

  // Runs one transaction; when it committed and returned something, an event is waiting.
  private <T> Optional<T> announced(Move<T> move) {
    Optional<T> done = jdbi.inTransaction(handle -> move.apply(handle, clock.instant()));
    done.ifPresent(ignored -> relay.wakeUp());
    return done;
  }

  // Re-announcements (retry, sweep) carry the definitions recorded at upload, not today's.
  private ImageEvent uploaded(Handle handle, Job job, Instant now) {
    return ImageUploaded.announcing(
        job.jobId(),
        job.tenantId(),
        job.original(),
        job.presets(),
        job.formats(),
        recorded.find(handle, job.jobId()),
        now);
  }

  private static List<ThumbnailRef> refs(List<Thumbnail> stored) {
    return stored.stream()
        .map(
            t ->
                new ThumbnailRef(
                    t.preset(),
                    t.bucket(),
                    t.key(),
                    t.width(),
                    t.height(),
                    t.contentType(),
                    t.bytes(),
                    t.alternate()))
        .toList();
  }

  @FunctionalInterface
  private interface Move<T> {
    Optional<T> apply(Handle handle, Instant now);
  }
}
