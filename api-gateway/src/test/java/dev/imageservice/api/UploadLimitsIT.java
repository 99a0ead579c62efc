package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The upload limit (2 MB in these tests) holds for every body shape: raw with or without a
 * Content-Length, multipart with or without one. Over the limit is always our 413 problem.
 */
class UploadLimitsIT extends ApiIntegrationTest {

  private static final int MB = 1024 * 1024;

  @Test
  void chunkedRawBodyOverTheLimitIsRefusedWith413() {
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images", KEY_A)
                    .header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(new CountingBody(3L * MB))));

    assertProblem(response, 413, "payload_too_large");
  }

  @Test
  void aHugeChunkedBodyIsAnswered413LongBeforeItIsAllSent() throws Exception {
    CountingBody body = new CountingBody(64L * MB);
    AtomicReference<HttpResponse.ResponseInfo> head = new AtomicReference<>();
    HttpRequest request =
        api()
            .request("/v1/images", KEY_A)
            .header("Content-Type", "image/jpeg")
            .POST(HttpRequest.BodyPublishers.fromPublisher(body))
            .build();

    try {
      HttpClient.newHttpClient()
          .send(
              request,
              info -> {
                head.set(info);
                return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
              });
    } catch (IOException e) {
      // The server closes the connection once it stops swallowing the unread rest; the answer's
      // status line and headers have arrived by then.
    }

    assertThat(head.get()).as("a response arrived").isNotNull();
    assertThat(head.get().statusCode()).isEqualTo(413);
    assertThat(head.get().headers().firstValue("Content-Type"))
        .hasValue("application/problem+json");
    System.out.printf(
        "LIMIT chunked raw: limit=2MB offered=64MB taken-by-client-before-413=%dMB%n",
        body.produced() / MB);
    assertThat(body.produced()).isLessThan(16L * MB);
  }

  @Test
  void multipartOverTheLimitWithoutContentLengthIsRefusedWith413() {
    String boundary = "b" + UUID.randomUUID();
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images", KEY_A)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArrays(multipart(boundary, 3 * MB))));

    assertProblem(response, 413, "payload_too_large");
  }

  @Test
  void multipartOverTheLimitWithContentLengthIsRefusedWith413() {
    String boundary = "b" + UUID.randomUUID();
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images", KEY_A)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                            concat(multipart(boundary, 3 * MB)))));

    assertProblem(response, 413, "payload_too_large");
  }

  @Test
  void aMultipartBodyWithTooManyPartsIsRefusedAsTooLargeNotAServerError() {
    String boundary = "b" + UUID.randomUUID();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      body.append("--")
          .append(boundary)
          .append("\r\nContent-Disposition: form-data; name=\"field")
          .append(i)
          .append("\"\r\n\r\nx\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images", KEY_A)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));

    // Tomcat's part-count limit (server.tomcat.max-part-count) surfaces as an exceeded limit.
    assertProblem(response, 413, "payload_too_large");
  }

  @Test
  void chunkedRawBodyUnderTheLimitIsAccepted() {
    byte[] image = read(corpus("S02_orientation_1.jpg"));
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images", KEY_A)
                    .header("Content-Type", "image/jpeg")
                    .POST(
                        HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofByteArray(image))));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  private static List<byte[]> multipart(String boundary, int fileBytes) {
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[fileBytes];
    System.arraycopy(jpegHead(), 0, file, 0, 3);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return List.of(head, file, tail);
  }

  private static byte[] concat(List<byte[]> parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static byte[] jpegHead() {
    return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  }

  /** A large body made on demand (no Content-Length: sent chunked) that counts what was taken. */
  private static final class CountingBody implements Flow.Publisher<ByteBuffer> {

    private static final int CHUNK = 64 * 1024;
    private final byte[] head;
    private final long total;
    private final AtomicLong produced = new AtomicLong();

    CountingBody(long total) {
      this.head = jpegHead();
      this.total = total;
    }

    long produced() {
      return produced.get();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      subscriber.onSubscribe(
          new Flow.Subscription() {
            private boolean done;

            @Override
            public synchronized void request(long n) {
              for (long i = 0; i < n && !done; i++) {
                long sent = produced.get();
                if (sent >= total) {
                  done = true;
                  subscriber.onComplete();
                  return;
                }
                byte[] chunk = new byte[CHUNK];
                if (sent == 0) {
                  System.arraycopy(head, 0, chunk, 0, head.length);
                }
                produced.addAndGet(CHUNK);
                subscriber.onNext(ByteBuffer.wrap(chunk));
              }
            }

            @Override
            public synchronized void cancel() {
              done = true;
            }
          });
    }
  }
}
