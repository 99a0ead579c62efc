package dev.imageservice.api.system;

import dev.imageservice.common.problem.ProblemType;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A request the API refuses on purpose. {@link #getMessage()} is the problem's public {@code
 * detail}: it must be safe to show the client and never carry internals.
 */
public class ProblemException extends RuntimeException {

  /** What a client should wait after a 503 when nothing better is known. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  private final ProblemType type;
  private final @Nullable Duration retryAfter;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, null, null);
  }

  public ProblemException(
      ProblemType type, String detail, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(detail, cause);
    this.type = type;
    this.retryAfter = retryAfter;
  }

  /** A dependency (database, S3) is down: the client should retry after a while. */
  public static ProblemException unavailable(String what, Throwable cause) {
    return unavailable(what, cause, DEFAULT_RETRY_AFTER);
  }

  /** As {@link #unavailable(String, Throwable)}, with the wait the client should observe. */
  public static ProblemException unavailable(String what, Throwable cause, Duration retryAfter) {
    return new ProblemException(
        ProblemType.SERVICE_UNAVAILABLE,
        what + " is temporarily unavailable; retry later",
        retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter,
        cause);
  }

  public ProblemType type() {
    return type;
  }

  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
