package dev.imageservice.worker.system;

/**
 * The root of every failure the worker handles on purpose (unchecked). Its {@link #retryable()}
 * verdict is what the listeners' ack policy ({@code messaging.AckPolicy}) reads: a permanent
 * failure that reaches a listener acknowledges the message (the job processor has already failed
 * the job for a rejected image); a retryable one leaves the message unacknowledged so that SQS
 * redelivers it after a growing visibility timeout.
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
