package dev.imageservice.worker.render;

import dev.imageservice.worker.system.WorkerException;

/**
 * The image cannot be rendered and never will be: unreadable, corrupt or over a limit. Fails the
 * job with {@link #code()} (one of {@code dev.imageservice.common.job.FailureCode}) and a message
 * safe to show the uploader.
 */
public class ImageRejectedException extends WorkerException {

  private final String code;

  public ImageRejectedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public ImageRejectedException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
