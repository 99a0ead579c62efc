package dev.imageservice.api.auth;

import dev.imageservice.api.storage.StorageProperties;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The console's Content-Security-Policy: its own scripts and styles only (no inline code), images
 * from itself, {@code data:} placeholders and the thumbnail links' origin, requests to itself only,
 * and no framing. API responses carry it too: they are never meant to render anything.
 */
final class ContentSecurityPolicy {

  /** For Swagger UI (on only in local runs), whose page needs inline styles. */
  static final String SWAGGER_UI =
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
          + " frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  private ContentSecurityPolicy() {}

  static String console(Set<String> imageOrigins) {
    return console(imageOrigins, Set.of());
  }

  /** With the origins the console PUTs direct uploads to (the images bucket). */
  static String console(Set<String> imageOrigins, Set<String> uploadOrigins) {
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:"
        + (imageOrigins.isEmpty() ? "" : " " + String.join(" ", imageOrigins))
        + "; connect-src 'self'"
        + (uploadOrigins.isEmpty() ? "" : " " + String.join(" ", uploadOrigins))
        + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  }

  /**
   * Where the console's direct uploads go: the images bucket, at the S3 endpoint override (path
   * style, and the bucket's virtual host), else at the bucket's regional S3 host.
   */
  static Set<String> uploadOrigins(
      StorageProperties storage, @Nullable URI s3Endpoint, @Nullable String region) {
    Set<String> origins = new LinkedHashSet<>();
    String bucket = storage.imagesBucket();
    if (s3Endpoint != null && s3Endpoint.getHost() != null) {
      origins.add(origin(s3Endpoint.getScheme(), s3Endpoint.getHost(), s3Endpoint));
      origins.add(origin(s3Endpoint.getScheme(), bucket + "." + s3Endpoint.getHost(), s3Endpoint));
    } else if (region != null) {
      origins.add("https://" + bucket + ".s3." + region + ".amazonaws.com");
    }
    return origins;
  }

  /**
   * Where thumbnail links point: the configured origins, else the S3 endpoint override (path style,
   * and the bucket's virtual host), else the bucket's regional S3 host.
   */
  static Set<String> imageOrigins(
      WebSecurityProperties properties,
      StorageProperties storage,
      @Nullable URI s3Endpoint,
      @Nullable String region) {
    Set<String> origins = new LinkedHashSet<>();
    properties.imageOrigins().forEach(o -> origins.add(origin(o.getScheme(), o.getHost(), o)));
    if (!origins.isEmpty()) {
      return origins;
    }
    String bucket = storage.thumbnailsBucket();
    if (s3Endpoint != null && s3Endpoint.getHost() != null) {
      origins.add(origin(s3Endpoint.getScheme(), s3Endpoint.getHost(), s3Endpoint));
      origins.add(origin(s3Endpoint.getScheme(), bucket + "." + s3Endpoint.getHost(), s3Endpoint));
    } else if (region != null) {
      origins.add("https://" + bucket + ".s3." + region + ".amazonaws.com");
    }
    return origins;
  }

  private static String origin(String scheme, String host, URI uri) {
    return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }
}
