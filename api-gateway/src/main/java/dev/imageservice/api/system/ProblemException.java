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
  private final @Nullable String code;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, null, null);
  }

  public ProblemException(
      ProblemType type, String detail, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    this(type, detail, retryAfter, cause, null);
  }

  private ProblemException(
      ProblemType type,
      String detail,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause,
      @Nullable String code) {
    super(detail, cause);
    this.type = type;
    this.retryAfter = retryAfter;
    this.code = code;
  }

  /**
   * An upload refused from its header before a job exists (422); {@code failureCode} is the job
   * failure code the worker would have set, so a client sees the same code either way.
   */
  public static ProblemException imageRejected(String failureCode, String detail) {
    return new ProblemException(ProblemType.IMAGE_REJECTED, detail, null, null, failureCode);
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

  /** The problem's {@code code}: the type's own, unless a more precise one was given. */
  public String code() {
    return code != null ? code : type.code();
  }

  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
