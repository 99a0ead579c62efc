package dev.imageservice.api.upload;

import dev.imageservice.common.preset.ImagingProperties;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when {@code image-service.upload.max-size} is above the shared {@code
 * image-service.limits.max-bytes}: every upload between the two would be accepted with 202 and then
 * fail {@code too_large} in the worker.
 */
@Component
final class UploadLimitsCheck {

  UploadLimitsCheck(UploadProperties upload, ImagingProperties shared) {
    long uploadMax = upload.maxSize().toBytes();
    long renderMax = shared.limits().maxBytes().toBytes();
    if (uploadMax > renderMax) {
      throw new IllegalStateException(
          "image-service.upload.max-size ("
              + uploadMax
              + " bytes) is above image-service.limits.max-bytes ("
              + renderMax
              + " bytes), the largest original the worker renders; lower the first or raise"
              + " the second");
    }
  }
}
