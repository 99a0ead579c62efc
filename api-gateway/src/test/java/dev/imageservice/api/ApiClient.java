package dev.imageservice.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API under test: what a user's curl would send, nothing more. */
final class ApiClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI base;

  ApiClient(int port) {
    this.base = URI.create("http://localhost:" + port);
  }

  static Path corpus(String file) {
    return Path.of(System.getProperty("testdata.dir", "../testdata/corpus")).resolve(file);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String path, String apiKey) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
    return apiKey == null ? builder : builder.header("Authorization", "Bearer " + apiKey);
  }

  HttpResponse<String> uploadFile(Path file, String contentType, String apiKey) {
    try {
      return send(
          request("/v1/images", apiKey)
              .header("Content-Type", contentType)
              .POST(HttpRequest.BodyPublishers.ofFile(file)));
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String apiKey) {
    return send(request(path, apiKey).GET());
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
