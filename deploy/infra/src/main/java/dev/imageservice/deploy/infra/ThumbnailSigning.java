package dev.imageservice.deploy.infra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.IPublicKey;
import software.amazon.awscdk.services.cloudfront.KeyGroup;
import software.amazon.awscdk.services.cloudfront.PublicKey;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * CloudFront signed URLs for thumbnails: the public key (PEM from the CDK context {@code
 * image-service:<env>:thumbnail-signing-public-key}; no private key ever passes through CDK), the
 * trusted key group the {@code /thumbnails/*} behaviour requires, the Secrets Manager secret that
 * operators put the matching private key into (the External Secrets Operator mounts it into the API
 * pods), and the cache policy of that behaviour: cached at the edge for no longer than a link
 * lives, keyed on the path only (each link's signature differs; CloudFront checks it before the
 * cache).
 */
public final class ThumbnailSigning extends Construct {

  /**
   * The API's default thumbnail link lifetime ({@code image-service.storage.thumbnail-url-ttl}).
   */
  public static final Duration LINK_LIFETIME = Duration.minutes(15);

  private final PublicKey publicKey;
  private final KeyGroup keyGroup;
  private final Secret privateKey;
  private final CachePolicy cachePolicy;

  ThumbnailSigning(Construct scope, String id, EnvironmentSettings settings, IKey key) {
    super(scope, id);
    // One PublicKey per PEM, its construct id derived from the key itself: adding a key for a
    // rotation leaves the existing one (and its id, the API's Key-Pair-Id) untouched.
    List<IPublicKey> keys = new ArrayList<>();
    for (String pem : publicKeyPems(this, settings)) {
      keys.add(
          PublicKey.Builder.create(this, "PublicKey" + fingerprint(pem))
              .comment("image-service " + settings.name() + " thumbnail links")
              .encodedKey(pem)
              .build());
    }
    publicKey = (PublicKey) keys.getLast();
    keyGroup =
        KeyGroup.Builder.create(this, "KeyGroup")
            .comment("Keys the API signs thumbnail links with")
            .items(keys)
            .build();
    privateKey =
        Secret.Builder.create(this, "PrivateKey")
            .secretName("image-service/" + settings.name() + "/thumbnail-signing-key")
            .description(
                "PEM private key of the CloudFront public key "
                    + "(deploy/infra output ThumbnailSigningKeyId); set by operators")
            .encryptionKey(key)
            .build();
    Suppressions.suppress(
        privateKey,
        "SMG4",
        "Rotated by adding a second public key to the key group, switching the API to it, then"
            + " removing the old one (docs/deploy.md); a Lambda cannot change the key group.");
    cachePolicy =
        CachePolicy.Builder.create(this, "CachePolicy")
            .comment("Thumbnails: path-only key, no longer than a signed link lives")
            .minTtl(LINK_LIFETIME)
            .defaultTtl(LINK_LIFETIME)
            .maxTtl(LINK_LIFETIME)
            .queryStringBehavior(CacheQueryStringBehavior.none())
            .headerBehavior(CacheHeaderBehavior.none())
            .cookieBehavior(CacheCookieBehavior.none())
            .enableAcceptEncodingGzip(true)
            .enableAcceptEncodingBrotli(true)
            .build();
  }

  /** The context key of an environment's public key PEM. */
  public static String contextKey(String environment) {
    return "image-service:" + environment + ":thumbnail-signing-public-key";
  }

  /**
   * The context value: one PEM, or a list of PEMs while a rotation is under way (the last one is
   * the current key, whose id the stack outputs).
   */
  private static List<String> publicKeyPems(Construct scope, EnvironmentSettings settings) {
    Object value = scope.getNode().tryGetContext(contextKey(settings.name()));
    List<?> values =
        value instanceof List<?> list
            ? list
            : value instanceof String one ? List.of(one) : List.of();
    List<String> pems = new ArrayList<>();
    for (Object pem : values) {
      if (!(pem instanceof String text) || !text.contains("BEGIN PUBLIC KEY")) {
        throw new IllegalArgumentException(
            "CDK context "
                + contextKey(settings.name())
                + " must hold the PEM public key (-----BEGIN PUBLIC KEY-----), or a list of"
                + " them, whose private key is in the secret image-service/"
                + settings.name()
                + "/thumbnail-signing-key; see docs/deploy.md");
      }
      pems.add(text.strip() + "\n");
    }
    if (pems.isEmpty()) {
      throw new IllegalArgumentException(
          "CDK context "
              + contextKey(settings.name())
              + " is missing (a PEM public key or a list of them); see docs/deploy.md");
    }
    return pems;
  }

  private static String fingerprint(String pem) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(pem.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The current public key; its id is the {@code Key-Pair-Id} the API signs with. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The trusted key group of the thumbnails behaviour. */
  public KeyGroup keyGroup() {
    return keyGroup;
  }

  /** The secret operators store the private key in; the External Secrets Operator reads it. */
  public Secret privateKey() {
    return privateKey;
  }

  /** The thumbnails behaviour's cache policy. */
  public CachePolicy cachePolicy() {
    return cachePolicy;
  }
}
