package dev.imageservice.api.system;

import dev.imageservice.common.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem response from a servlet filter, where no controller advice applies. */
@Component
public class ProblemWriter {

  private static final Logger log = LoggerFactory.getLogger(ProblemWriter.class);

  private final JsonMapper json;

  ProblemWriter(JsonMapper json) {
    this.json = json;
  }

  public void write(
      HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
      throws IOException {
    log.warn(
        "{} {} -> {}: {}", request.getMethod(), request.getRequestURI(), type.status(), detail);
    response.setStatus(type.status());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    if (type == ProblemType.UNAUTHORIZED) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    } else if (type == ProblemType.SERVICE_UNAVAILABLE) {
      response.setHeader(
          HttpHeaders.RETRY_AFTER, Long.toString(ProblemException.DEFAULT_RETRY_AFTER.toSeconds()));
    }
    json.writeValue(response.getOutputStream(), Problems.of(type, detail, request.getRequestURI()));
  }
}
