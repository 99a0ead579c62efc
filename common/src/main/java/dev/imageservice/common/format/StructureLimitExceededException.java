package dev.imageservice.common.format;

/**
 * The image has more structure (scans, chunks, frames) than {@link StructureLimits} allow. {@link
 * #code()} is the job failure code (one of {@code dev.imageservice.common.job.FailureCode}); the
 * message is safe to show the uploader.
 */
public class StructureLimitExceededException extends RuntimeException {

  private final String code;

  public StructureLimitExceededException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
