package dev.imageservice.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks verifier written from the specification (the {@code com.standardwebhooks}
 * library does not resolve here), independent of the service's signer: the HMAC key is the base64
 * after {@code whsec_}, the signed content {@code id.timestamp.body}, the header a space-separated
 * list of {@code v1,<base64>} of which one must match, the timestamp within five minutes.
 */
final class StandardWebhooksVerifier {

  private static final long TOLERANCE_SECONDS = 300;

  private StandardWebhooksVerifier() {}

  static boolean verifies(String secret, String id, String timestamp, String body, String header) {
    if (id == null || timestamp == null || header == null || !secret.startsWith("whsec_")) {
      return false;
    }
    long sent = Long.parseLong(timestamp);
    if (Math.abs(Instant.now().getEpochSecond() - sent) > TOLERANCE_SECONDS) {
      return false;
    }
    byte[] expected = hmac(secret.substring("whsec_".length()), id + "." + timestamp + "." + body);
    for (String signature : header.split(" ")) {
      int comma = signature.indexOf(',');
      if (comma > 0 && signature.substring(0, comma).equals("v1")) {
        byte[] given = Base64.getDecoder().decode(signature.substring(comma + 1));
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] hmac(String base64Key, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
