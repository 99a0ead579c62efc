package dev.imageservice.api.system;

import dev.imageservice.common.problem.ProblemType;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Answers the errors Tomcat raises itself, before any servlet or filter runs (an encoded {@code /}
 * or {@code \}, a {@code %00}, a malformed request line), as RFC 9457 problems instead of its HTML
 * page. Such a request never reached the application, so the body is the status's fixed problem and
 * nothing of the request is echoed. Thread-safe.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    ProblemType type = Problems.typeFor(status);
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("X-Frame-Options", "DENY");
      response.setHeader("Referrer-Policy", "no-referrer");
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      Writer writer = response.getReporter();
      if (writer != null) {
        // Every value is a constant of ours: nothing here needs JSON escaping.
        writer.write(
            "{\"type\":\"%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\",\"code\":\"%s\"}"
                .formatted(type.type(), type.title(), status, type.title(), type.code()));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away or the response was already committed: nothing left to tell it.
    }
  }
}
