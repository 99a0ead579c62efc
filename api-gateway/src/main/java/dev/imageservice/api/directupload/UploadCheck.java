package dev.imageservice.api.directupload;

import dev.imageservice.api.system.ProblemException;
import dev.imageservice.api.upload.ImageFormatSniffer;
import dev.imageservice.api.upload.SniffedImage;
import dev.imageservice.api.upload.UploadProperties;
import dev.imageservice.common.job.FailureCode;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.problem.ProblemType;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Judges an uploaded object before its job is announced, as {@code POST /v1/images} judges a body:
 * its size from a HEAD (over the upload limit: {@code too_large}), then its first bytes from a
 * ranged GET through the same sniffer and structure caps (not an image: {@code unsupported_format};
 * over a structure cap: that cap's code). The object itself is never read whole. Thread-safe.
 */
@Component
class UploadCheck {

  /** What the check found. */
  sealed interface Outcome {}

  /** Nothing at the upload key (not uploaded yet, or already moved by the other path). */
  record Missing() implements Outcome {}

  record Accepted(long bytes, String contentType) implements Outcome {}

  record Rejected(JobError error) implements Outcome {}

  private final UploadedObjects objects;
  private final ImageFormatSniffer sniffer;
  private final long maxBytes;
  private final long headerBytes;

  UploadCheck(
      UploadedObjects objects,
      ImageFormatSniffer sniffer,
      UploadProperties uploads,
      DirectUploadProperties properties) {
    this.objects = objects;
    this.sniffer = sniffer;
    this.maxBytes = uploads.maxSize().toBytes();
    this.headerBytes = properties.headerBytes().toBytes();
  }

  Outcome check(String key) {
    OptionalLong size = objects.size(key);
    if (size.isEmpty()) {
      return new Missing();
    }
    long bytes = size.getAsLong();
    if (bytes > maxBytes) {
      return new Rejected(
          new JobError(
              FailureCode.TOO_LARGE,
              "The upload is %d bytes, over the limit of %d".formatted(bytes, maxBytes)));
    }
    if (bytes == 0) {
      return unsupported();
    }
    Path head;
    try {
      head = objects.head(key, Math.min(bytes, headerBytes));
    } catch (NoSuchKeyException e) {
      // Removed since the HEAD: the other path (event or complete) moved it a moment ago.
      return new Missing();
    }
    try {
      SniffedImage image = sniffer.sniff(head);
      return new Accepted(bytes, image.contentType());
    } catch (ProblemException e) {
      if (e.type() == ProblemType.IMAGE_REJECTED) {
        return new Rejected(new JobError(e.code(), e.getMessage()));
      }
      if (e.type() == ProblemType.UNSUPPORTED_MEDIA_TYPE) {
        return unsupported();
      }
      throw e;
    } finally {
      UploadedObjects.deleteQuietly(head);
    }
  }

  private static Rejected unsupported() {
    return new Rejected(
        new JobError(
            FailureCode.UNSUPPORTED_FORMAT,
            "The upload is not an image in a supported format (JPEG, PNG, GIF, WebP, TIFF, BMP)"));
  }
}
