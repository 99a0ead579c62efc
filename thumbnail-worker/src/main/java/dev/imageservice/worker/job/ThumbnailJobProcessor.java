package dev.imageservice.worker.job;

import dev.imageservice.common.event.ImageUploaded;
import dev.imageservice.common.event.ThumbnailRef;
import dev.imageservice.common.event.ThumbnailsFailed;
import dev.imageservice.common.event.ThumbnailsGenerated;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.common.outbox.OutboxRelay;
import dev.imageservice.common.outbox.OutboxRepository;
import dev.imageservice.worker.render.ImageRejectedException;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderResult;
import dev.imageservice.worker.storage.OriginalFetcher;
import dev.imageservice.worker.storage.ThumbnailStore;
import dev.imageservice.worker.system.TransientFailureException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Renders one job, idempotently: the job is claimed by a conditional update, thumbnails go to
 * deterministic keys, and rows, status and the completion event are written in one transaction. A
 * repeated delivery of a finished job does nothing. Thread-safe; one call per message.
 */
@Service
public class ThumbnailJobProcessor {

  private static final Logger log = LoggerFactory.getLogger(ThumbnailJobProcessor.class);

  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final OutboxRepository outbox;
  private final OutboxRelay relay;
  private final OriginalFetcher originals;
  private final ThumbnailStore thumbnails;
  private final RenderPipeline renderer;
  private final JobProperties properties;
  private final Clock clock;

  ThumbnailJobProcessor(
      Jdbi jdbi,
      JobRepository jobs,
      OutboxRepository outbox,
      OutboxRelay relay,
      OriginalFetcher originals,
      ThumbnailStore thumbnails,
      RenderPipeline renderer,
      JobProperties properties,
      Clock clock) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.outbox = outbox;
    this.relay = relay;
    this.originals = originals;
    this.thumbnails = thumbnails;
    this.renderer = renderer;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Processes the job an {@code ImageUploaded} announces. Returns normally when the message may be
   * acknowledged (done, failed for good, already finished, or unknown).
   *
   * @throws TransientFailureException when the message must be delivered again later
   */
  public void process(ImageUploaded event) {
    Optional<Job> claimed =
        database(
            () ->
                jdbi.inTransaction(
                    h -> jobs.claim(h, event.jobId(), properties.lease(), clock.instant())));
    if (claimed.isEmpty()) {
      skipUnclaimable(event);
      return;
    }
    Job job = claimed.get();
    Path original = originals.fetch(job.original().bucket(), job.original().key());
    try {
      RenderResult result = renderer.render(original, renderer.presetsNamed(job.presets()));
      List<Thumbnail> stored =
          result.thumbnails().stream()
              .map(t -> thumbnails.store(job.tenantId(), job.jobId(), t))
              .toList();
      complete(job, result, stored);
    } catch (ImageRejectedException e) {
      fail(job, new JobError(e.code(), e.getMessage()));
    } finally {
      OriginalFetcher.delete(original);
    }
  }

  private void skipUnclaimable(ImageUploaded event) {
    Optional<Job> job = database(() -> jdbi.withHandle(h -> jobs.find(h, event.jobId())));
    if (job.isEmpty()) {
      log.warn("job {}: no such job, dropping the message", event.jobId());
    } else if (job.get().status().isTerminal()) {
      log.info(
          "job {}: already {}, acknowledging the repeated delivery",
          event.jobId(),
          job.get().status());
    } else {
      throw new TransientFailureException(
          "job " + event.jobId() + " is being processed by a live worker");
    }
  }

  private void complete(Job job, RenderResult result, List<Thumbnail> stored) {
    boolean succeeded =
        database(
            () ->
                jdbi.inTransaction(
                    handle -> {
                      stored.forEach(t -> jobs.upsertThumbnail(handle, job.jobId(), t));
                      jobs.recordDimensions(
                          handle, job.jobId(), result.sourceWidth(), result.sourceHeight());
                      if (!jobs.markSucceeded(handle, job.jobId(), clock.instant())) {
                        return false;
                      }
                      outbox.add(
                          handle,
                          ThumbnailsGenerated.of(
                              job.jobId(), job.tenantId(), refs(stored), clock.instant()),
                          clock.instant());
                      return true;
                    }));
    if (succeeded) {
      relay.wakeUp();
      log.info(
          "job {}: SUCCEEDED with {} thumbnails (attempt {})",
          job.jobId(),
          stored.size(),
          job.attempts());
    } else {
      log.info(
          "job {}: finished meanwhile by another delivery; nothing recorded twice", job.jobId());
    }
  }

  private void fail(Job job, JobError error) {
    boolean failed =
        database(
            () ->
                jdbi.inTransaction(
                    handle -> {
                      if (!jobs.markFailed(handle, job.jobId(), error, clock.instant())) {
                        return false;
                      }
                      outbox.add(
                          handle,
                          ThumbnailsFailed.of(job.jobId(), job.tenantId(), error, clock.instant()),
                          clock.instant());
                      return true;
                    }));
    if (failed) {
      relay.wakeUp();
      log.info("job {}: FAILED {}: {}", job.jobId(), error.code(), error.message());
    }
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
                    t.bytes()))
        .toList();
  }

  private static <T> T database(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (JdbiException e) {
      throw new TransientFailureException("database unavailable", e);
    }
  }
}
