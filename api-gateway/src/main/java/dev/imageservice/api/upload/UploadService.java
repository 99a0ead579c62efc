package dev.imageservice.api.upload;

import dev.imageservice.api.auth.Tenant;
import dev.imageservice.api.job.JobView;
import dev.imageservice.api.job.JobViews;
import dev.imageservice.api.storage.OriginalStore;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobLifecycle;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.NewJob;
import dev.imageservice.common.preset.PresetSnapshot;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * Accepts an upload: spools and sniffs it, stores the original, then records the job and its {@code
 * ImageUploaded} outbox row in one transaction. Nothing is recorded unless the original is stored,
 * and nothing stored is announced unless recorded, so no job is ever stranded. Thread-safe.
 */
@Service
public class UploadService {

  private static final Logger log = LoggerFactory.getLogger(UploadService.class);

  private final UploadSpooler spooler;
  private final ImageFormatSniffer sniffer;
  private final PresetSelection presets;
  private final OriginalStore originals;
  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final JobLifecycle lifecycle;
  private final JobViews views;

  UploadService(
      UploadSpooler spooler,
      ImageFormatSniffer sniffer,
      PresetSelection presets,
      OriginalStore originals,
      Jdbi jdbi,
      JobRepository jobs,
      JobLifecycle lifecycle,
      JobViews views) {
    this.spooler = spooler;
    this.sniffer = sniffer;
    this.presets = presets;
    this.originals = originals;
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.lifecycle = lifecycle;
    this.views = views;
  }

  /** The outcome: the job, and whether it was created now or found by its idempotency key. */
  public record Accepted(JobView job, boolean created) {}

  /** An earlier job of this tenant with the same idempotency key, if any. */
  public Optional<JobView> existing(Tenant tenant, @Nullable String idempotencyKey) {
    if (idempotencyKey == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        handle ->
            jobs.findByIdempotencyKey(handle, tenant.id(), idempotencyKey)
                .map(job -> views.of(handle, job)));
  }

  public Accepted accept(
      Tenant tenant,
      InputStream body,
      @Nullable String presetsParam,
      @Nullable String idempotencyKey) {
    return accept(tenant, body, presetsParam, List.of(), idempotencyKey);
  }

  /** Accepts an upload that also asks for the extra output {@code formats} (checked already). */
  public Accepted accept(
      Tenant tenant,
      InputStream body,
      @Nullable String presetsParam,
      List<String> formats,
      @Nullable String idempotencyKey) {
    List<PresetSnapshot> requested = presets.resolve(tenant.id(), presetsParam);
    Path file = spooler.spool(body);
    try {
      SniffedImage image = sniffer.sniff(file);
      UUID jobId = UUID.randomUUID();
      // Every log line about this upload from here on carries the job id (a JSON field in ECS).
      try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId.toString())) {
        return store(tenant, jobId, file, image, requested, formats, idempotencyKey);
      }
    } finally {
      UploadSpooler.deleteQuietly(file);
    }
  }

  private Accepted store(
      Tenant tenant,
      UUID jobId,
      Path file,
      SniffedImage image,
      List<PresetSnapshot> requested,
      List<String> formats,
      @Nullable String idempotencyKey) {
    try {
      String key = OriginalStore.keyOf(tenant.id(), jobId);
      long bytes = Files.size(file);
      originals.store(key, file, image.contentType());
      NewJob job =
          new NewJob(
              jobId,
              tenant.id(),
              requested.stream().map(PresetSnapshot::name).toList(),
              // Width and height are left to the worker, which reports them as displayed (after
              // EXIF orientation); the raw header's would be swapped for most phone photos.
              new Job.Original(originals.bucket(), key, image.contentType(), bytes, null, null),
              idempotencyKey,
              formats);
      return record(job, requested);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Accepted record(NewJob job, List<PresetSnapshot> definitions) {
    // The definitions go with the job, so the worker renders them without knowing the names.
    Optional<Job> recorded = lifecycle.create(job, definitions);
    if (recorded.isEmpty()) {
      // A concurrent retry with the same idempotency key won the race: answer with its job.
      originals.delete(job.original().key());
      log.info("idempotency key reused concurrently: answering the winner's job instead");
      return new Accepted(
          existing(new Tenant(job.tenantId()), job.idempotencyKey()).orElseThrow(), false);
    }
    log.info(
        "job {} accepted: {} {} bytes, presets {}",
        job.jobId(),
        job.original().contentType(),
        job.original().bytes(),
        job.presets());
    return new Accepted(jdbi.withHandle(handle -> views.of(handle, recorded.get())), true);
  }
}
