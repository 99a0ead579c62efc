package dev.imageservice.api.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Operator endpoints under {@code /admin}.
 *
 * @param keys the admin keys (at least 16 characters each), kept only as hashes once read; none
 *     configured means every admin call is refused. Tenants' API keys never work here
 * @param queue the queue the workers consume, where redriven messages go (default: {@code
 *     image-service.worker.queue})
 * @param deadLetterQueue the queue failed messages land in (default: {@code
 *     image-service.worker.dead-letter-queue})
 * @param sqsEndpoint an SQS endpoint override (the local embedded default); null in AWS
 * @param redriveMaxMessages most messages one redrive call moves (default 1000), so one call stays
 *     short; call again to move more
 */
@Validated
@ConfigurationProperties("image-service.admin")
public record AdminProperties(
    @NotNull List<@NotBlank @Size(min = 16) String> keys,
    @NotBlank String queue,
    @NotBlank String deadLetterQueue,
    @Nullable URI sqsEndpoint,
    @Min(1) @Max(100_000) int redriveMaxMessages) {

  public AdminProperties {
    keys = keys == null ? List.of() : List.copyOf(keys);
    queue = queue == null ? "thumbnail-requests" : queue;
    deadLetterQueue = deadLetterQueue == null ? "thumbnail-requests-dlq" : deadLetterQueue;
    // An unset placeholder binds as an empty URI: that means no override.
    sqsEndpoint = sqsEndpoint == null || sqsEndpoint.toString().isEmpty() ? null : sqsEndpoint;
    redriveMaxMessages = redriveMaxMessages == 0 ? 1000 : redriveMaxMessages;
  }
}
