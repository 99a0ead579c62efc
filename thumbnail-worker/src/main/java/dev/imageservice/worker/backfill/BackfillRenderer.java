package dev.imageservice.worker.backfill;

import dev.imageservice.common.backfill.BackfillItem;
import dev.imageservice.common.backfill.BackfillRepository;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.common.preset.RecordedPresets;
import dev.imageservice.worker.job.RenderSlots;
import dev.imageservice.worker.render.ImageRejectedException;
import dev.imageservice.worker.render.Preset;
import dev.imageservice.worker.render.ProbedSource;
import dev.imageservice.worker.render.RenderAbortedException;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderResult;
import dev.imageservice.worker.render.StepObserver;
import dev.imageservice.worker.storage.Original;
import dev.imageservice.worker.storage.OriginalFetcher;
import dev.imageservice.worker.storage.ThumbnailStore;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-renders one claimed backfill item: the one preset the backfill names, from the job's original,
 * to the job's deterministic thumbnail key; then, in one transaction fenced by the item's claim,
 * the item is marked done and the rendition row is written with the backfill's preset version. The
 * job's status is never touched. An item whose rendition is current already is done without a
 * render; a job whose original is gone, or whose image is refused, is skipped with the reason.
 * Thread-safe.
 */
@Component
class BackfillRenderer {

  private static final Logger log = LoggerFactory.getLogger(BackfillRenderer.class);

  private final Jdbi jdbi;
  private final BackfillRepository backfills = new BackfillRepository();
  private final RecordedPresets recorded = new RecordedPresets();
  private final JobRepository jobs;
  private final OriginalFetcher originals;
  private final ThumbnailStore thumbnails;
  private final RenderPipeline renderer;
  private final RenderSlots slots;
  private final Clock clock;

  BackfillRenderer(
      Jdbi jdbi,
      JobRepository jobs,
      OriginalFetcher originals,
      ThumbnailStore thumbnails,
      RenderPipeline renderer,
      RenderSlots slots,
      Clock clock) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.originals = originals;
    this.thumbnails = thumbnails;
    this.renderer = renderer;
    this.slots = slots;
    this.clock = clock;
  }

  /**
   * Settles the item. A transient failure (S3, database) gives the claim back and is thrown.
   *
   * @throws RenderAbortedException when interrupted (shutdown); the claim is given back
   */
  void render(BackfillItem item) {
    if (!jdbi.withHandle(h -> backfills.outdated(h, item))) {
      finish(item, true, "already_current", null);
      return;
    }
    Original original;
    try {
      original = originals.fetch(item.original().bucket(), item.original().key());
    } catch (ImageRejectedException e) {
      finish(item, false, BackfillRepository.ORIGINAL_MISSING, null);
      return;
    } catch (RuntimeException e) {
      release(item);
      throw e;
    }
    try (original) {
      Preset preset = Preset.from(item.definition().definition());
      ProbedSource probed = renderer.probe(original.source(), List.of(preset));
      RenderResult result;
      try (RenderSlots.Slot slot = slots.acquire()) {
        result =
            renderer.render(
                probed,
                List.of(),
                clock.instant().plus(probed.estimate().timeLimit()),
                StepObserver.NONE);
      }
      Thumbnail stored =
          thumbnails.store(item.tenantId(), item.jobId(), result.thumbnails().getFirst());
      finish(item, true, null, stored);
    } catch (ImageRejectedException e) {
      finish(item, false, e.code(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release(item);
      throw new RenderAbortedException("interrupted while waiting for a render slot");
    } catch (RuntimeException e) {
      release(item);
      throw e;
    }
  }

  private void finish(
      BackfillItem item, boolean done, @Nullable String reason, @Nullable Thumbnail stored) {
    boolean recordedNow =
        jdbi.inTransaction(
            h -> {
              if (!backfills.finish(h, item, done, reason, clock.instant())) {
                return false;
              }
              if (stored != null) {
                jobs.upsertThumbnail(h, item.jobId(), stored);
                recorded.markVersion(h, item.jobId(), stored.preset(), item.definition().version());
              }
              return true;
            });
    if (!recordedNow) {
      log.warn(
          "backfill {} job {}: claim {} lost; nothing recorded",
          item.backfillId(),
          item.jobId(),
          item.token());
    } else if (!done) {
      log.info("backfill {} job {}: skipped ({})", item.backfillId(), item.jobId(), reason);
    }
  }

  // Best effort: if the database is down too, the claim frees itself when the lease ends.
  private void release(BackfillItem item) {
    try {
      jdbi.useHandle(h -> backfills.release(h, item, clock.instant()));
    } catch (RuntimeException e) {
      log.warn("backfill item of job {} not released: {}", item.jobId(), e.toString());
    }
  }
}
