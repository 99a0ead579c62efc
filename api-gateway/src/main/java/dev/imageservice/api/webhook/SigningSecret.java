package dev.imageservice.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks signing secret, {@code whsec_} followed by the base64 of 32 random bytes. The
 * HMAC key is the decoded bytes, so any Standard Webhooks verifier given the same string agrees.
 * Immutable and thread-safe.
 */
record SigningSecret(String value) {

  static final String PREFIX = "whsec_";
  private static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  SigningSecret {
    if (!value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a whsec_ secret");
    }
  }

  static SigningSecret generate() {
    byte[] key = new byte[BYTES];
    RANDOM.nextBytes(key);
    return new SigningSecret(PREFIX + Base64.getEncoder().encodeToString(key));
  }

  /** {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, as the specification defines it. */
  String sign(String messageId, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(value.substring(PREFIX.length())), "HmacSHA256"));
      byte[] signature =
          mac.doFinal(
              (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    // Never in a log line by accident.
    return "SigningSecret[redacted]";
  }
}
