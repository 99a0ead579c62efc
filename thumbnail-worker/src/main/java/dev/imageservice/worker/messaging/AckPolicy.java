package dev.imageservice.worker.messaging;

import dev.imageservice.common.event.MalformedEventException;
import dev.imageservice.worker.system.WorkerException;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * The one rule both listeners follow to settle a message: a listener returns to acknowledge it and
 * throws to leave it for redelivery. What a failure means is decided here, from the exception:
 *
 * <ul>
 *   <li>a {@link WorkerException} whose {@link WorkerException#retryable()} is false, or a {@link
 *       MalformedEventException}: the same message can never succeed; it is acknowledged (logged);
 *   <li>a retryable {@link WorkerException} (S3, database or SNS trouble, a job held elsewhere):
 *       redelivered later, after the listener's redelivery back-off;
 *   <li>any other exception, a bug or an unforeseen failure: redelivered too (with its stack trace
 *       in the log), so that a message reaches the dead-letter queue after {@code maxReceiveCount}
 *       tries instead of being lost.
 * </ul>
 *
 * {@link Error}s are not caught: the JVM is in trouble and the message returns on its own.
 * Stateless; thread-safe.
 */
final class AckPolicy {

  private static final Logger log = LoggerFactory.getLogger(AckPolicy.class);

  /** What becomes of a message whose handling threw. */
  enum Verdict {
    ACKNOWLEDGE,
    REDELIVER
  }

  private AckPolicy() {}

  static Verdict verdict(RuntimeException failure) {
    if (failure instanceof MalformedEventException) {
      return Verdict.ACKNOWLEDGE;
    }
    if (failure instanceof WorkerException worker) {
      return worker.retryable() ? Verdict.REDELIVER : Verdict.ACKNOWLEDGE;
    }
    return Verdict.REDELIVER;
  }

  /**
   * Runs the handling of one message and settles it: returns when it must be acknowledged, throws
   * the failure when it must be redelivered.
   */
  static void settle(Message<?> message, String what, Runnable handling) {
    try {
      handling.run();
    } catch (RuntimeException e) {
      Verdict verdict = verdict(e);
      Object receives =
          message
              .getHeaders()
              .getOrDefault(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT, "?");
      if (verdict == Verdict.ACKNOWLEDGE) {
        log.warn("{}: {}; it can never succeed, acknowledged", what, e.getMessage());
        return;
      }
      if (e instanceof WorkerException) {
        log.warn("{}: {}; left for redelivery (receive {})", what, e.getMessage(), receives);
      } else {
        log.error("{}: unexpected failure; left for redelivery (receive {})", what, receives, e);
      }
      throw e;
    }
  }
}
