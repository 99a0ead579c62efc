package dev.imageservice.api.upload;

import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.problem.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Copies a request body to a temporary file, refusing it with {@code 413} as soon as it passes the
 * size limit, without reading the rest. Thread-safe.
 */
@Component
class UploadSpooler {

  /** The names of the spool files, as {@link UploadSpoolSweep} finds those left behind. */
  static final String SPOOL_FILES = "upload-*.bin";

  private final UploadProperties properties;

  UploadSpooler(UploadProperties properties) {
    this.properties = properties;
  }

  long maxBytes() {
    return properties.maxSize().toBytes();
  }

  /** The spooled file; the caller deletes it. */
  Path spool(InputStream body) {
    Path file = createTempFile();
    long limit = maxBytes();
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int read;
      while ((read = body.read(buffer)) != -1) {
        total += read;
        if (total > limit) {
          throw tooLarge();
        }
        out.write(buffer, 0, read);
      }
      if (total == 0) {
        throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body is empty");
      }
      return file;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(file);
      if (e instanceof ProblemException problem) {
        throw problem;
      }
      if (e instanceof IOException io) {
        throw new ProblemException(
            ProblemType.MALFORMED_REQUEST, "The upload was interrupted", null, io);
      }
      throw (RuntimeException) e;
    }
  }

  ProblemException tooLarge() {
    return new ProblemException(
        ProblemType.PAYLOAD_TOO_LARGE,
        "Uploads are limited to " + properties.maxSize().toMegabytes() + " MB");
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A temp file left behind is harmless; failing the request for it would not be.
    }
  }

  private Path createTempFile() {
    try {
      Path dir = MultipartConfig.spoolDirectory(properties);
      Files.createDirectories(dir);
      return Files.createTempFile(dir, "upload-", ".bin");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spool file", e);
    }
  }
}
