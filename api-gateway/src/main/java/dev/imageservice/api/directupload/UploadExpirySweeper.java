package dev.imageservice.api.directupload;

import dev.imageservice.common.job.DirectUpload;
import dev.imageservice.common.job.DirectUploadLifecycle;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends direct uploads that never arrived: a job still {@code AWAITING_UPLOAD} when its URL expired
 * (plus {@code expiry-grace}, for a PUT started just before the end) becomes {@code EXPIRED}, and
 * whatever lies at its upload key is deleted (an object nobody reported; the bucket's lifecycle
 * rule would remove it later anyway). Safe on every replica (rows taken with {@code skip locked}).
 */
@Component
class UploadExpirySweeper {

  private static final Logger log = LoggerFactory.getLogger(UploadExpirySweeper.class);
  private static final int BATCH = 100;

  private final DirectUploadLifecycle lifecycle;
  private final UploadedObjects objects;
  private final UploadArrival arrival;
  private final DirectUploadProperties properties;
  private final Clock clock;

  UploadExpirySweeper(
      DirectUploadLifecycle lifecycle,
      UploadedObjects objects,
      UploadArrival arrival,
      DirectUploadProperties properties,
      Clock clock) {
    this.lifecycle = lifecycle;
    this.objects = objects;
    this.arrival = arrival;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${image-service.direct-upload.expiry-interval:1m}",
      initialDelayString = "${image-service.direct-upload.expiry-interval:1m}")
  void expireUnfinished() {
    try {
      int expired = sweep();
      if (expired > 0) {
        log.info("{} direct upload(s) EXPIRED unused", expired);
      }
    } catch (RuntimeException e) {
      log.warn(
          "direct upload expiry failed, next one in {}: {}",
          properties.expiryInterval(),
          e.toString());
    }
  }

  int sweep() {
    Instant before = clock.instant().minus(properties.expiryGrace());
    // An object that did arrive but was never reported (no complete, a lost event) is handled as
    // arrived, not thrown away: its PUT was signed and began in time.
    lifecycle.overdue(before, BATCH).stream()
        .filter(upload -> objects.size(upload.uploadKey()).isPresent())
        .forEach(upload -> arrival.arrivedAt(upload.jobId(), upload.uploadKey()));
    List<DirectUpload> expired = lifecycle.expire(before, BATCH);
    expired.forEach(upload -> objects.delete(upload.uploadKey()));
    return expired.size();
  }
}
