package dev.imageservice.api.system;

import dev.imageservice.common.problem.ProblemType;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the API's RFC 9457 problem documents: one shape for every error, wherever it arises. */
public final class Problems {

  private Problems() {}

  public static ProblemDetail of(ProblemType type, String detail, @Nullable String instance) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(type.status()), detail);
    problem.setType(type.type());
    problem.setTitle(type.title());
    problem.setProperty("code", type.code());
    if (instance != null) {
      try {
        problem.setInstance(URI.create(instance));
      } catch (IllegalArgumentException notAUri) {
        // A hostile path (a backslash, a stray '%') is no URI: leave the member out, never fail.
      }
    }
    return problem;
  }

  /** The problem type the API uses for a bare HTTP status raised by the framework. */
  public static ProblemType typeFor(int status) {
    return switch (status) {
      case 400 -> ProblemType.MALFORMED_REQUEST;
      case 401 -> ProblemType.UNAUTHORIZED;
      case 403 -> ProblemType.FORBIDDEN;
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 406 -> ProblemType.NOT_ACCEPTABLE;
      case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> ProblemType.SERVICE_UNAVAILABLE;
      default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.MALFORMED_REQUEST;
    };
  }
}
