package dev.imageservice.worker.render;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import org.jspecify.annotations.Nullable;

/**
 * Stops an ImageIO decode at its deadline: one timer thread calls {@link ImageReader#abort()} when
 * the deadline passes, and a progress listener does the same from the decoding thread itself, so
 * that a reader which reports progress stops even if the timer is late. Readers check the abort
 * flag between rows or tiles and return early; {@link Watch#expired()} then tells the caller to
 * fail the render. Thread-safe.
 */
final class RenderWatchdog {

  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private RenderWatchdog() {}

  /** Watches {@code reader} until the returned watch is closed; no-op without a deadline. */
  static Watch watch(ImageReader reader, @Nullable Instant deadline) {
    Watch watch = new Watch(reader, deadline);
    if (deadline != null) {
      reader.addIIOReadProgressListener(watch);
      long delay = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      watch.timer = TIMER.schedule(watch::expire, delay, TimeUnit.MILLISECONDS);
    }
    return watch;
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("render-watchdog").daemon().factory());
    // Almost every watch is cancelled long before it fires; do not keep them queued till then.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** One decode under watch. */
  static final class Watch implements AutoCloseable, IIOReadProgressListener {
    private final ImageReader reader;
    private final @Nullable Instant deadline;
    private final AtomicBoolean expired = new AtomicBoolean();
    private volatile @Nullable ScheduledFuture<?> timer;

    private Watch(ImageReader reader, @Nullable Instant deadline) {
      this.reader = reader;
      this.deadline = deadline;
    }

    /** True once the deadline passed, whether or not the reader noticed the abort. */
    boolean expired() {
      return expired.get() || (deadline != null && Instant.now().isAfter(deadline));
    }

    private void expire() {
      expired.set(true);
      try {
        reader.abort();
      } catch (IllegalStateException e) {
        // The JDK's JPEG reader refuses calls from a thread other than the decoding one; it is
        // then stopped by the progress listener, or fails the render when its read returns.
      }
    }

    @Override
    public void close() {
      ScheduledFuture<?> scheduled = timer;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
    }

    @Override
    public void imageProgress(ImageReader source, float percentageDone) {
      if (deadline != null && Instant.now().isAfter(deadline)) {
        expire();
      }
    }

    @Override
    public void sequenceStarted(ImageReader source, int minIndex) {}

    @Override
    public void sequenceComplete(ImageReader source) {}

    @Override
    public void imageStarted(ImageReader source, int imageIndex) {}

    @Override
    public void imageComplete(ImageReader source) {}

    @Override
    public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}

    @Override
    public void thumbnailProgress(ImageReader source, float percentageDone) {}

    @Override
    public void thumbnailComplete(ImageReader source) {}

    @Override
    public void readAborted(ImageReader source) {}
  }
}
