package dev.imageservice.localinfra.sns;

/**
 * An SNS error as the awsQuery protocol reports it: a code the SDK maps to an exception class, an
 * HTTP status and whether the sender or the server is at fault. Immutable, so thread-safe.
 */
final class SnsError extends RuntimeException {

  private final String code;
  private final int status;

  private SnsError(String code, int status, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.status = status;
  }

  static SnsError invalidParameter(String message) {
    return new SnsError("InvalidParameter", 400, message, null);
  }

  static SnsError notFound(String message) {
    return new SnsError("NotFound", 404, message, null);
  }

  static SnsError invalidAction(String action) {
    return new SnsError("InvalidAction", 400, "Unsupported action: " + action, null);
  }

  /** A failure on our side, such as SQS refusing a delivery; 500 makes the SDK caller retry. */
  static SnsError internal(String message, Throwable cause) {
    return new SnsError("InternalError", 500, message, cause);
  }

  String code() {
    return code;
  }

  int status() {
    return status;
  }

  /** "Sender" for 4xx, "Receiver" for 5xx, as in the awsQuery {@code <Error><Type>} element. */
  String faultType() {
    return status >= 500 ? "Receiver" : "Sender";
  }
}
