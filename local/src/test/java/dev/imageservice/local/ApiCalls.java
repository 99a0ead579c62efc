package dev.imageservice.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls to the local API as a tenant, and bucket listings, for the deletion tests. */
final class ApiCalls {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final int port;

  ApiCalls(int port) {
    this.port = port;
  }

  HttpResponse<String> get(String key, String path) {
    return send(request(key, path).GET());
  }

  HttpResponse<String> delete(String key, String path) {
    return send(request(key, path).DELETE());
  }

  HttpResponse<String> upload(String key, Path file) throws IOException {
    return send(
        request(key, "/v1/images")
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file))));
  }

  /** A link handed out by the API (presigned, to S3 directly): its status code. */
  static int fetch(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET()).statusCode();
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** Every key under the prefix in the bucket. */
  static List<String> list(S3Client s3, String bucket, String prefix) {
    return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  private HttpRequest.Builder request(String key, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + key);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
