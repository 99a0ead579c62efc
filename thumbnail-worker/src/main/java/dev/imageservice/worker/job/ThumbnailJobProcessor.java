package dev.imageservice.worker.job;

import dev.imageservice.common.event.ImageUploaded;
import dev.imageservice.common.job.Claim;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobLifecycle;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.common.preset.PresetSnapshot;
import dev.imageservice.common.preset.RecordedPresets;
import dev.imageservice.common.trace.TraceContexts;
import dev.imageservice.worker.cost.JobCosts;
import dev.imageservice.worker.cost.JobStopwatch;
import dev.imageservice.worker.cost.JobStopwatch.Part;
import dev.imageservice.worker.cost.StepCosts;
import dev.imageservice.worker.render.ImageRejectedException;
import dev.imageservice.worker.render.OutputFormat;
import dev.imageservice.worker.render.Preset;
import dev.imageservice.worker.render.ProbedSource;
import dev.imageservice.worker.render.RenderAbortedException;
import dev.imageservice.worker.render.RenderEstimate;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderResult;
import dev.imageservice.worker.storage.Original;
import dev.imageservice.worker.storage.OriginalFetcher;
import dev.imageservice.worker.storage.ThumbnailStore;
import dev.imageservice.worker.system.TransientFailureException;
import dev.imageservice.worker.system.WorkerException;
import dev.imageservice.worker.system.WorkerScheduler;
import dev.imageservice.worker.system.WorkerScheduler.Heartbeat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * Renders one job, idempotently: the job is claimed through the {@link JobLifecycle}, which gives
 * it a claim token, and its lease renewed while this worker holds it; renewals, the release and the
 * outcome only apply while the job still carries that token, so a worker whose lease lapsed and
 * whose job another worker took over changes nothing; the render waits for one of the {@link
 * RenderSlots} and the decode for its share of the {@link RenderMemoryBudget}, while S3 transfers
 * of other jobs go on; thumbnails go to deterministic keys; rows, status and the completion event
 * are written in one transaction ({@link JobOutcomes}). A repeated delivery of a finished job does
 * nothing. The render runs under a deadline sized from the header (past it the job fails {@code
 * render_timeout}); the lease is not renewed once the render is overdue ({@link RenderDeadlines}).
 * A transient failure gives the claim back, so that the redelivery can claim at once. Thread-safe;
 * one call per message.
 */
@Service
public class ThumbnailJobProcessor {

  private static final Logger log = LoggerFactory.getLogger(ThumbnailJobProcessor.class);

  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final JobLifecycle lifecycle;
  private final OriginalFetcher originals;
  private final ThumbnailStore thumbnails;
  private final RenderPipeline renderer;
  private final RenderMemoryBudget budget;
  private final RenderSlots slots;
  private final InFlightJobs inFlight;
  private final RenderDeadlines deadlines;
  private final JobOutcomes outcomes;
  private final JobMetrics metrics;
  private final WorkerScheduler scheduler;
  private final JobProperties properties;
  private final Clock clock;
  private final TraceContexts traces;
  private final JobCosts costs;
  private final RecordedPresets recorded = new RecordedPresets();
  private final LateRenderCleanup lateRenders;

  ThumbnailJobProcessor(
      Jdbi jdbi,
      JobRepository jobs,
      JobLifecycle lifecycle,
      OriginalFetcher originals,
      ThumbnailStore thumbnails,
      RenderPipeline renderer,
      RenderMemoryBudget budget,
      RenderSlots slots,
      InFlightJobs inFlight,
      RenderDeadlines deadlines,
      JobOutcomes outcomes,
      JobMetrics metrics,
      WorkerScheduler scheduler,
      JobProperties properties,
      Clock clock,
      TraceContexts traces,
      JobCosts costs,
      LateRenderCleanup lateRenders) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.lifecycle = lifecycle;
    this.originals = originals;
    this.thumbnails = thumbnails;
    this.renderer = renderer;
    this.budget = budget;
    this.slots = slots;
    this.inFlight = inFlight;
    this.deadlines = deadlines;
    this.outcomes = outcomes;
    this.metrics = metrics;
    this.scheduler = scheduler;
    this.properties = properties;
    this.clock = clock;
    this.traces = traces;
    this.costs = costs;
    this.lateRenders = lateRenders;
  }

  /**
   * Processes the job an {@code ImageUploaded} announces. Returns normally when the message may be
   * acknowledged (done, failed for good, already finished, or unknown).
   *
   * @throws WorkerException (retryable) when the message must be delivered again later
   */
  public void process(ImageUploaded event) {
    try {
      Optional<Claim> claimed =
          traces.inSpan(
              "db claim",
              null,
              () -> Database.call(() -> lifecycle.claim(event.jobId(), properties.lease())));
      if (claimed.isEmpty()) {
        skipUnclaimable(event);
        return;
      }
      processClaimed(claimed.get(), event);
    } catch (RuntimeException e) {
      // A permanent failure never leaves process(): whatever does is left for redelivery.
      metrics.transientFailure();
      throw e;
    }
  }

  private void processClaimed(Claim claim, ImageUploaded event) {
    Duration renewal = properties.leaseRenewal();
    try (InFlightJobs.Registration ignored = inFlight.register(claim);
        Heartbeat lease = scheduler.every(renewal, renewal, () -> renewLease(claim))) {
      renderAndStore(claim, event, new JobStopwatch(claim.job().createdAt(), clock.instant()));
    } catch (ImageRejectedException e) {
      outcomes.failed(claim, new JobError(e.code(), e.getMessage()));
    } catch (RuntimeException e) {
      // Anything but a rejected image may succeed on a later delivery: give the claim back, so
      // that the redelivery need not wait out the lease.
      release(claim);
      throw e;
    }
  }

  private void renderAndStore(Claim claim, ImageUploaded event, JobStopwatch stopwatch) {
    Job job = claim.job();
    try (Original original =
        stopwatch.time(
            Part.DOWNLOAD,
            () ->
                traces.inSpan(
                    "s3 get original",
                    null,
                    () -> originals.fetch(job.original().bucket(), job.original().key())))) {
      List<Preset> presets = presetsOf(job, event);
      // Probed once: the header read for the reservation and deadline is the render's too.
      ProbedSource probed = renderer.probe(original.source(), presets);
      RenderEstimate estimate = probed.estimate();
      RenderResult result;
      try (RenderSlots.Slot slot = renderSlot();
          RenderMemoryBudget.Reservation memory = reserve(estimate.memoryBytes())) {
        // The clock starts when the render may run, not while it waits for a slot or memory.
        Instant deadline = clock.instant().plus(estimate.timeLimit());
        try (RenderDeadlines.Registration tracked = deadlines.track(job.jobId(), deadline)) {
          StepCosts steps = new StepCosts(stopwatch, traces);
          result =
              metrics.timeRender(
                  () ->
                      JobCosts.measuringCpu(
                          stopwatch,
                          () -> renderer.render(probed, formats(job.formats()), deadline, steps)));
        }
      }
      RenderResult rendered = result;
      List<Thumbnail> stored =
          stopwatch.time(
              Part.UPLOAD,
              () ->
                  traces.inSpan(
                      "s3 put thumbnails",
                      null,
                      () ->
                          rendered.thumbnails().stream()
                              .map(t -> thumbnails.store(job.tenantId(), job.jobId(), t))
                              .toList()));
      if (traces.inSpan("db succeed", null, () -> outcomes.succeeded(claim, rendered, stored))) {
        costs.succeeded(job.jobId(), rendered.sourceFormat(), stopwatch);
      } else {
        // Refused: maybe because the job was deleted meanwhile; then nothing may stay behind.
        lateRenders.discardIfDeleted(claim, stored);
      }
    }
  }

  // The API admits only known names; an unknown one (a newer API, an older worker) is skipped.
  private static List<OutputFormat> formats(List<String> names) {
    return names.stream().flatMap(name -> OutputFormat.named(name).stream()).toList();
  }

  /**
   * The definitions recorded with the job, as its event carries them (or, for an event from before
   * they were carried, as the job row has them); for a job recorded before either, the names
   * resolved from this worker's configuration.
   */
  private List<Preset> presetsOf(Job job, ImageUploaded event) {
    List<PresetSnapshot> definitions = event.presetDefinitions();
    if (definitions.isEmpty()) {
      definitions = Database.call(() -> jdbi.withHandle(h -> recorded.find(h, job.jobId())));
    }
    return definitions.isEmpty()
        ? renderer.presetsNamed(job.presets())
        : definitions.stream().map(d -> Preset.from(d.definition())).toList();
  }

  private RenderSlots.Slot renderSlot() {
    try {
      return slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RenderAbortedException("interrupted while waiting for a render slot");
    }
  }

  private RenderMemoryBudget.Reservation reserve(long bytes) {
    try {
      return budget.reserve(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RenderAbortedException("interrupted while waiting for render memory");
    }
  }

  private void renewLease(Claim claim) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", claim.jobId().toString())) {
      if (deadlines.overdue(claim.jobId())) {
        log.warn("job {}: render overdue, lease no longer renewed", claim.jobId());
        return;
      }
      if (!lifecycle.extendLease(claim, properties.lease())) {
        log.warn("job {}: lease not renewed, claim {} was lost", claim.jobId(), claim.token());
      }
    }
  }

  // Best effort: if the database is down too, the claim frees itself when the lease ends.
  private void release(Claim claim) {
    try {
      lifecycle.release(claim);
    } catch (RuntimeException e) {
      log.warn(
          "job {}: claim not released ({}); it frees when the lease ends",
          claim.jobId(),
          e.toString());
    }
  }

  private void skipUnclaimable(ImageUploaded event) {
    Optional<Job> job = Database.call(() -> jdbi.withHandle(h -> jobs.find(h, event.jobId())));
    if (job.isEmpty()) {
      log.warn("job {}: no such job, dropping the message", event.jobId());
    } else if (job.get().status().isTerminal()) {
      log.info(
          "job {}: already {}, acknowledging the repeated delivery",
          event.jobId(),
          job.get().status());
    } else {
      throw new TransientFailureException("the job is held by a live worker");
    }
  }
}
