package dev.imageservice.api.directupload;

import dev.imageservice.api.auth.Tenant;
import dev.imageservice.api.job.JobView;
import dev.imageservice.api.job.JobViews;
import dev.imageservice.api.storage.OriginalStore;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.api.upload.PresetSelection;
import dev.imageservice.common.job.DirectUpload;
import dev.imageservice.common.job.DirectUploadLifecycle;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.NewJob;
import dev.imageservice.common.preset.PresetSnapshot;
import dev.imageservice.common.problem.ProblemType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Opens direct uploads: checks the declared type, size, presets and formats, records the job {@code
 * AWAITING_UPLOAD} with where its bytes go, and signs the PUT. A repeated request with the same
 * idempotency key answers the same job, key and expiry (with a fresh signature). Thread-safe.
 */
@Service
class DirectUploadService {

  /** The ticket, and whether the job was created now or found by its idempotency key. */
  record Opened(UploadTicket ticket, boolean created) {}

  private final UploadRequestCheck requests;
  private final PresetSelection presets;
  private final UploadUrls urls;
  private final OriginalStore originals;
  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final DirectUploadLifecycle lifecycle;
  private final JobViews views;

  DirectUploadService(
      UploadRequestCheck requests,
      PresetSelection presets,
      UploadUrls urls,
      OriginalStore originals,
      Jdbi jdbi,
      JobRepository jobs,
      DirectUploadLifecycle lifecycle,
      JobViews views) {
    this.requests = requests;
    this.presets = presets;
    this.urls = urls;
    this.originals = originals;
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.lifecycle = lifecycle;
    this.views = views;
  }

  Opened open(Tenant tenant, UploadRequest request, @Nullable String idempotencyKey) {
    UploadRequestCheck.Checked checked = requests.check(request);
    List<PresetSnapshot> selected =
        presets.resolve(
            tenant.id(), request.presets() == null ? null : String.join(",", request.presets()));
    Optional<Opened> earlier = earlier(tenant, idempotencyKey);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    UUID jobId = UUID.randomUUID();
    DirectUpload upload =
        new DirectUpload(
            jobId,
            urls.keyOf(tenant.id(), jobId),
            checked.size(),
            checked.formats(),
            urls.expiryFromNow());
    NewJob job =
        new NewJob(
            jobId,
            tenant.id(),
            selected.stream().map(PresetSnapshot::name).toList(),
            new Job.Original(
                originals.bucket(),
                OriginalStore.keyOf(tenant.id(), jobId),
                checked.contentType(),
                checked.size(),
                null,
                null),
            idempotencyKey,
            checked.formats());
    if (lifecycle.open(job, upload, selected).isEmpty()) {
      // A concurrent request with the same idempotency key won the race: answer with its job.
      return earlier(tenant, idempotencyKey).orElseThrow();
    }
    return new Opened(ticket(job.original().contentType(), upload), true);
  }

  private Optional<Opened> earlier(Tenant tenant, @Nullable String idempotencyKey) {
    if (idempotencyKey == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        handle ->
            jobs.findByIdempotencyKey(handle, tenant.id(), idempotencyKey)
                .map(
                    job -> {
                      DirectUpload upload =
                          lifecycle
                              .find(handle, job.jobId())
                              .orElseThrow(
                                  () ->
                                      new ProblemException(
                                          ProblemType.MALFORMED_REQUEST,
                                          "This Idempotency-Key was used for a POST /v1/images"
                                              + " upload"));
                      return new Opened(ticket(job.original().contentType(), upload), false);
                    }));
  }

  private UploadTicket ticket(String contentType, DirectUpload upload) {
    Instant expiresAt = upload.expiresAt();
    return new UploadTicket(
        upload.jobId(),
        urls.sign(upload.uploadKey(), contentType, upload.declaredSize(), expiresAt),
        expiresAt);
  }

  /** The job as {@code GET /v1/jobs/{id}} shows it, if it is the tenant's. */
  Optional<JobView> view(Tenant tenant, UUID jobId) {
    return jdbi.withHandle(
        handle -> jobs.findForTenant(handle, tenant.id(), jobId).map(j -> views.of(handle, j)));
  }
}
