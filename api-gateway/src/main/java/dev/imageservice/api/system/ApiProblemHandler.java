package dev.imageservice.api.system;

import dev.imageservice.common.problem.ProblemType;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.stream.Collectors;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The API's one error model: every failure becomes an RFC 9457 problem with a stable {@code type}
 * and {@code code}. Client errors are logged at WARN without a stack trace; server errors at ERROR
 * with one, and their public detail never names the internals.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> handleProblem(ProblemException e, HttpServletRequest request) {
    if (e.type().status() >= 500) {
      log.error(
          "{} {} -> {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.type().status(),
          e.getMessage(),
          e.getCause());
    } else {
      log.warn(
          "{} {} -> {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.type().status(),
          e.getMessage());
    }
    HttpHeaders headers = new HttpHeaders();
    java.time.Duration retryAfter = e.retryAfter();
    if (retryAfter != null) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
    }
    ProblemDetail problem = Problems.of(e.type(), e.getMessage(), request.getRequestURI());
    problem.setProperty("code", e.code());
    return ResponseEntity.status(e.type().status()).headers(headers).body(problem);
  }

  @ExceptionHandler({DataAccessException.class, SdkException.class, ConnectionException.class})
  ResponseEntity<ProblemDetail> handleDependencyDown(
      RuntimeException e, HttpServletRequest request) {
    return handleProblem(ProblemException.unavailable("A storage dependency", e), request);
  }

  /** An open circuit: the dependency is known to be down, so the call was not even tried. */
  @ExceptionHandler(CallNotPermittedException.class)
  ResponseEntity<ProblemDetail> handleOpenCircuit(
      CallNotPermittedException e, HttpServletRequest request) {
    return handleProblem(ProblemException.unavailable("A storage dependency", e), request);
  }

  /**
   * A statement that failed because the database went away mid-request is a 503 like a refused
   * connection; any other statement failure is a bug of ours (500).
   */
  @ExceptionHandler(JdbiException.class)
  ResponseEntity<ProblemDetail> handleDatabase(JdbiException e, HttpServletRequest request) {
    if (DatabaseFailures.isConnectionLoss(e)) {
      return handleDependencyDown(e, request);
    }
    return handleUnexpected(e, request);
  }

  /** A request parameter outside its declared bounds (e.g. {@code limit=0}). */
  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> handleInvalidParameter(
      ConstraintViolationException e, HttpServletRequest request) {
    String detail =
        e.getConstraintViolations().stream()
            .map(v -> lastNode(v.getPropertyPath()) + " " + v.getMessage())
            .sorted()
            .collect(Collectors.joining("; "));
    return handleProblem(new ProblemException(ProblemType.MALFORMED_REQUEST, detail), request);
  }

  private static String lastNode(Path path) {
    String name = "parameter";
    for (Path.Node node : path) {
      name = node.getName();
    }
    return name;
  }

  /**
   * A multipart body the parser refused (too many parts, a part header too long, a broken
   * boundary): the client's fault. Over the size limit ({@code MaxUploadSizeExceededException}) is
   * the framework's own 413, handled by the base class.
   */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> handleBadMultipart(
      MultipartException e, HttpServletRequest request) {
    log.warn(
        "{} {}: multipart refused: {}", request.getMethod(), request.getRequestURI(), e.toString());
    return handleProblem(
        new ProblemException(
            ProblemType.MALFORMED_REQUEST,
            "The multipart body is malformed or has too many parts (at most 10)"),
        request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> handleUnexpected(Exception e, HttpServletRequest request) {
    log.error("{} {} failed unexpectedly", request.getMethod(), request.getRequestURI(), e);
    return ResponseEntity.status(500)
        .body(
            Problems.of(
                ProblemType.INTERNAL_ERROR,
                "The request could not be completed",
                request.getRequestURI()));
  }

  /** Framework-raised errors (415, 405, 413, bad parameters...) get our type, code and title. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String instance =
        request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    ProblemType type = Problems.typeFor(status.value());
    // The framework's own text (which may quote the request or a parser's message) goes to the
    // log only; the client reads the type's fixed sentence.
    String internal =
        body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail() : type.title();
    log.warn("{} -> {}: {}", instance, status.value(), internal);
    return new ResponseEntity<>(Problems.of(type, type.title(), instance), headers, status);
  }
}
