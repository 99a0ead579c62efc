package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.localinfra.LocalInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.databind.JsonNode;

/** A client of direct uploads, as a user's code would be: ask for a URL, PUT, complete. */
final class DirectUploads {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ApiClient api;
  private final String key;

  DirectUploads(ApiClient api, String key) {
    this.api = api;
    this.key = key;
  }

  HttpResponse<String> open(String body, String idempotencyKey) {
    HttpRequest.Builder request =
        api.request("/v1/uploads", key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return api.send(request);
  }

  /** A ticket for {@code size} bytes of {@code contentType}; asserts the 201. */
  JsonNode ticket(String contentType, long size) {
    HttpResponse<String> response =
        open("{\"contentType\":\"%s\",\"size\":%d}".formatted(contentType, size), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return ApiClient.json(response);
  }

  /** PUTs {@code bytes} to the ticket's URL with its signed headers; S3's status. */
  static int put(JsonNode ticket, byte[] bytes) {
    JsonNode upload = ticket.get("upload");
    assertThat(upload.get("method").asString()).isEqualTo("PUT");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(upload.get("url").asString()))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    for (Map.Entry<String, JsonNode> header : upload.get("headers").properties()) {
      // The client sets Content-Length from the body itself (a restricted header here, and in
      // browsers): a body of another length therefore sends another, unsigned, value.
      if (!header.getKey().equalsIgnoreCase("Content-Length")) {
        request.header(header.getKey(), header.getValue().asString());
      }
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> complete(String jobId) {
    return api.send(
        api.request("/v1/uploads/" + jobId + "/complete", key)
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  JsonNode job(String jobId) {
    HttpResponse<String> response = api.get("/v1/jobs/" + jobId, key);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ApiClient.json(response);
  }

  static S3Client s3() {
    return LocalInfrastructure.client(
        S3Client.builder().forcePathStyle(true), EmbeddedInfrastructure.get().endpoints().s3());
  }

  /** The size of an object in the images bucket, if there is one. */
  static Optional<Long> stored(String objectKey) {
    try (S3Client s3 = s3()) {
      return Optional.of(
          s3.headObject(r -> r.bucket(LocalInfrastructure.IMAGES_BUCKET).key(objectKey))
              .contentLength());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  static void putDirectly(String objectKey, byte[] bytes) {
    try (S3Client s3 = s3()) {
      s3.putObject(
          r -> r.bucket(LocalInfrastructure.IMAGES_BUCKET).key(objectKey),
          RequestBody.fromBytes(bytes));
    }
  }
}
