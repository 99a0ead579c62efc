package dev.imageservice.worker.job;

import dev.imageservice.common.deletion.JobDeletions;
import dev.imageservice.common.job.Claim;
import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.worker.storage.ThumbnailStore;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A render that finishes after its job was deleted must leave nothing behind: its commit was
 * refused (the job's row is gone), so when the job's tombstone exists this removes the thumbnails
 * the render wrote. Only then: a commit refused because another worker took the job over must not
 * touch the objects that worker writes at the same keys. The deletion sweeper's later re-check
 * covers a worker that dies before getting here. Thread-safe.
 */
@Component
class LateRenderCleanup {

  private static final Logger log = LoggerFactory.getLogger(LateRenderCleanup.class);

  private final Jdbi jdbi;
  private final ThumbnailStore thumbnails;
  private final JobDeletions deletions = new JobDeletions();

  LateRenderCleanup(Jdbi jdbi, ThumbnailStore thumbnails) {
    this.jdbi = jdbi;
    this.thumbnails = thumbnails;
  }

  /**
   * Called after the outcome of {@code claim} was refused.
   *
   * @throws dev.imageservice.worker.system.TransientFailureException when the database or S3 is
   *     unavailable (the message is delivered again; the claim is gone, so the next delivery only
   *     acknowledges, and the sweeper's re-check removes the objects)
   */
  void discardIfDeleted(Claim claim, List<Thumbnail> written) {
    if (!Database.call(() -> jdbi.withHandle(h -> deletions.isDeleted(h, claim.jobId())))) {
      return;
    }
    written.forEach(thumbnails::delete);
    log.info(
        "job {}: deleted while rendering; removed the {} thumbnail(s) this render wrote",
        claim.jobId(),
        written.size());
  }
}
