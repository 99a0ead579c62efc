package dev.imageservice.worker.messaging;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The queues the worker consumes.
 *
 * @param queue name or URL of the queue subscribed to the topic ({@code thumbnail-requests})
 * @param deadLetterQueue its dead-letter queue
 * @param concurrency renders one worker runs at once; each holds a decoded image, so this is
 *     bounded by memory, not by threads
 */
@Validated
@ConfigurationProperties("image-service.worker")
public record WorkerQueueProperties(
    @NotBlank String queue, @NotBlank String deadLetterQueue, @Min(1) int concurrency) {

  public WorkerQueueProperties {
    if (concurrency == 0) {
      concurrency = 2;
    }
  }
}
