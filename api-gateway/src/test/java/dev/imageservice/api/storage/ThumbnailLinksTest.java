package dev.imageservice.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.common.job.Thumbnail;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thumbnail links: CloudFront signed URLs when CloudFront signing is configured (checked with the
 * public half of a key pair generated here, as CloudFront checks them with the key group's public
 * key), presigned S3 URLs otherwise; both expire after the configured TTL.
 */
class ThumbnailLinksTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration TTL = Duration.ofMinutes(15);
  private static final String DOMAIN = "d111111abcdef8.cloudfront.net";
  private static final Thumbnail THUMBNAIL =
      new Thumbnail(
          "small",
          "thumbnails-bucket-prod",
          "tenant-a/0b9d6a52-3f5e-4f57-9d7e-2f0f4a4c1a11/small.jpg",
          256,
          171,
          "image/jpeg",
          1234);

  private static KeyPair keys;
  private final S3Presigner presigner =
      S3Presigner.builder()
          .region(Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
          .build();

  @TempDir Path dir;

  @BeforeAll
  static void generateKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
  }

  @AfterEach
  void closePresigner() {
    presigner.close();
  }

  @Test
  void withCloudFrontConfiguredTheLinkIsASignedUrlOfExactlyThatObjectExpiringAfterTheTtl()
      throws Exception {
    ThumbnailLinks links = new ThumbnailLinks(presigner, cloudFront(writeKey()), CLOCK);

    URI link = links.linkTo(THUMBNAIL);

    assertThat(link.getScheme()).isEqualTo("https");
    assertThat(link.getHost()).isEqualTo(DOMAIN);
    assertThat(link.getPath()).isEqualTo("/thumbnails/" + THUMBNAIL.key());
    Map<String, String> query = query(link);
    assertThat(query)
        .containsOnlyKeys("Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm")
        .containsEntry("Key-Pair-Id", "K2JCJMDEHXQW5F")
        .containsEntry("Hash-Algorithm", "SHA256");
    byte[] policy = cloudFrontBase64(query.get("Policy"));
    JsonNode statement = JsonMapper.builder().build().readTree(policy).get("Statement").get(0);
    assertThat(statement.get("Resource").asString())
        .isEqualTo("https://" + DOMAIN + "/thumbnails/" + THUMBNAIL.key());
    assertThat(statement.get("Condition").get("DateLessThan").get("AWS:EpochTime").asLong())
        .isEqualTo(NOW.plus(TTL).getEpochSecond());
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(keys.getPublic());
    verifier.update(policy);
    assertThat(verifier.verify(cloudFrontBase64(query.get("Signature"))))
        .as("signature verifies with the trusted public key")
        .isTrue();
  }

  @Test
  void aSignatureOfOneThumbnailDoesNotCoverAnother() throws Exception {
    ThumbnailLinks links = new ThumbnailLinks(presigner, cloudFront(writeKey()), CLOCK);
    Thumbnail other =
        new Thumbnail(
            "medium",
            THUMBNAIL.bucket(),
            THUMBNAIL.key().replace("small", "medium"),
            1024,
            683,
            "image/jpeg",
            4321);

    Map<String, String> small = query(links.linkTo(THUMBNAIL));
    Map<String, String> medium = query(links.linkTo(other));

    assertThat(new String(cloudFrontBase64(medium.get("Policy")), StandardCharsets.UTF_8))
        .contains("/thumbnails/" + other.key() + "\"")
        .doesNotContain("*");
    assertThat(medium.get("Signature")).isNotEqualTo(small.get("Signature"));
  }

  @Test
  void withoutCloudFrontTheLinkIsAPresignedS3UrlWithTheSameLifetime() {
    StorageProperties properties =
        new StorageProperties("images", "thumbnails-bucket-prod", TTL, null, null);
    ThumbnailLinks links = new ThumbnailLinks(presigner, properties, CLOCK);

    URI link = links.linkTo(THUMBNAIL);

    assertThat(link.getHost()).startsWith("thumbnails-bucket-prod.s3");
    assertThat(query(link))
        .containsEntry("X-Amz-Expires", String.valueOf(TTL.toSeconds()))
        .containsKey("X-Amz-Signature");
  }

  @Test
  void anUnreadablePrivateKeyStopsTheStartNamingTheSetting() {
    Path missing = dir.resolve("no-such-key.pem");

    assertThatThrownBy(() -> new ThumbnailLinks(presigner, cloudFront(missing), CLOCK))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("image-service.storage.cloudfront.private-key-file");
  }

  private Path writeKey() throws Exception {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Path file = dir.resolve("cloudfront-private-key.pem");
    Files.writeString(file, pem);
    return file;
  }

  private static StorageProperties cloudFront(Path key) {
    return new StorageProperties(
        "images",
        "thumbnails-bucket-prod",
        TTL,
        null,
        new StorageProperties.CloudFrontSigning(DOMAIN, "K2JCJMDEHXQW5F", key));
  }

  private static Map<String, String> query(URI link) {
    Map<String, String> params = new HashMap<>();
    for (String pair : link.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  // CloudFront's URL-safe base64: '+' -> '-', '=' -> '_', '/' -> '~'.
  private static byte[] cloudFrontBase64(String value) {
    return Base64.getDecoder().decode(value.replace('-', '+').replace('_', '=').replace('~', '/'));
  }
}
