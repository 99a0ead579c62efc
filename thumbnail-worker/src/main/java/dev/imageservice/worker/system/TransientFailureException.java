package dev.imageservice.worker.system;

/**
 * A dependency failed (S3, database, SNS) or the job is held by another live worker: the message
 * stays unacknowledged and SQS delivers it again later.
 */
public class TransientFailureException extends WorkerException {

  public TransientFailureException(String message, Throwable cause) {
    super(message, cause);
  }

  public TransientFailureException(String message) {
    super(message);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
