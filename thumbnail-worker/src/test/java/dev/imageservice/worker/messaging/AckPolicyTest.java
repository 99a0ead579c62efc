package dev.imageservice.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.common.event.MalformedEventException;
import dev.imageservice.common.job.FailureCode;
import dev.imageservice.worker.render.ImageRejectedException;
import dev.imageservice.worker.render.RenderAbortedException;
import dev.imageservice.worker.system.TransientFailureException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** Both listeners settle failures this way: permanent ones acknowledged, the rest redelivered. */
class AckPolicyTest {

  private final Message<String> message =
      MessageBuilder.createMessage(
          "{}", new org.springframework.messaging.MessageHeaders(Map.of()));

  @Test
  void aPermanentFailureOrAMalformedEventIsAcknowledged() {
    RuntimeException rejected = new ImageRejectedException(FailureCode.CORRUPT_IMAGE, "broken");
    RuntimeException malformed = new MalformedEventException("not json");

    assertThat(AckPolicy.verdict(rejected)).isEqualTo(AckPolicy.Verdict.ACKNOWLEDGE);
    assertThat(AckPolicy.verdict(malformed)).isEqualTo(AckPolicy.Verdict.ACKNOWLEDGE);
    AckPolicy.settle(
        message,
        "job x",
        () -> {
          throw rejected;
        });
  }

  @Test
  void aRetryableOrUnexpectedFailureIsThrownForRedelivery() {
    RuntimeException transientFailure = new TransientFailureException("S3 down");
    RuntimeException aborted = new RenderAbortedException("interrupted");
    RuntimeException bug = new IllegalStateException("a bug");

    assertThat(AckPolicy.verdict(transientFailure)).isEqualTo(AckPolicy.Verdict.REDELIVER);
    assertThat(AckPolicy.verdict(aborted)).isEqualTo(AckPolicy.Verdict.REDELIVER);
    assertThat(AckPolicy.verdict(bug)).isEqualTo(AckPolicy.Verdict.REDELIVER);
    assertThatThrownBy(
            () ->
                AckPolicy.settle(
                    message,
                    "job x",
                    () -> {
                      throw transientFailure;
                    }))
        .isSameAs(transientFailure);
    assertThatThrownBy(
            () ->
                AckPolicy.settle(
                    message,
                    "job x",
                    () -> {
                      throw bug;
                    }))
        .isSameAs(bug);
  }
}
