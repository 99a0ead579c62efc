package dev.imageservice.api.directupload;

import dev.imageservice.api.system.ProblemException;
import dev.imageservice.api.upload.UploadProperties;
import dev.imageservice.common.problem.ProblemType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Refuses a direct upload before any URL is signed: a missing or non-positive size (400), a size
 * over the upload limit (413), a type that is not one of the image types we read (415), an unknown
 * output format (400). The bytes are judged again once they arrive; this only saves clients a
 * pointless PUT. Thread-safe.
 */
@Component
class UploadRequestCheck {

  /** The types the sniffer recognises; the declared one is signed into the URL. */
  static final Set<String> IMAGE_TYPES =
      Set.of(
          "image/jpeg",
          "image/png",
          "image/gif",
          "image/webp",
          "image/tiff",
          "image/bmp",
          "image/heic",
          "image/heif",
          "image/avif");

  record Checked(String contentType, long size, List<String> formats) {}

  private final long maxBytes;

  UploadRequestCheck(UploadProperties uploads) {
    this.maxBytes = uploads.maxSize().toBytes();
  }

  Checked check(UploadRequest request) {
    // Read each accessor once: the record's values are nullable, a local is checked once.
    Long declared = request.size();
    if (declared == null || declared <= 0) {
      throw malformed("size is required: the exact byte count of the image, at least 1");
    }
    long size = declared;
    if (size > maxBytes) {
      throw new ProblemException(
          ProblemType.PAYLOAD_TOO_LARGE,
          "size %d is over the upload limit of %d bytes".formatted(size, maxBytes));
    }
    String declaredType = request.contentType();
    if (declaredType == null || declaredType.isBlank()) {
      throw malformed("contentType is required, e.g. image/jpeg");
    }
    String type = declaredType.trim().toLowerCase(Locale.ROOT);
    if (!IMAGE_TYPES.contains(type)) {
      throw new ProblemException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "contentType must be one of image/jpeg, image/png, image/gif, image/webp, image/tiff,"
              + " image/bmp, image/heic, image/heif, image/avif");
    }
    return new Checked(type, size, formats(request.formats()));
  }

  private static List<String> formats(@org.jspecify.annotations.Nullable List<String> requested) {
    if (requested == null) {
      return List.of();
    }
    if (requested.isEmpty()
        || requested.stream().anyMatch(f -> f == null || !UploadUrls.FORMATS.contains(f))) {
      throw malformed("formats must name one or more of " + UploadUrls.FORMATS);
    }
    return List.copyOf(new LinkedHashSet<>(requested));
  }

  private static ProblemException malformed(String detail) {
    return new ProblemException(ProblemType.MALFORMED_REQUEST, detail);
  }
}
