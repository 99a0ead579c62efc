package dev.imageservice.worker.system;

/**
 * The root of every failure the worker handles on purpose. Its verdict decides the message's fate:
 * a permanent failure fails the job at once and acknowledges the message; a retryable one leaves
 * the message unacknowledged so that SQS redelivers it after a growing visibility timeout.
 */
public abstract class WorkerException extends RuntimeException {

  protected WorkerException(String message, Throwable cause) {
    super(message, cause);
  }

  protected WorkerException(String message) {
    super(message);
  }

  /** True when the same message may succeed later (S3, database or SNS trouble, throttling). */
  public abstract boolean retryable();
}
