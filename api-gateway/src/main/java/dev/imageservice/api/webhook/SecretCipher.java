package dev.imageservice.api.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts signing secrets for the database with AES-256-GCM under a key from configuration ({@code
 * image-service.webhooks.secret-key}), so that a copy of the database alone cannot forge
 * deliveries. Stored form: {@code gcm1:<base64 of nonce + ciphertext>}. Without a key (a local run
 * that did not set one) secrets are stored as they are, prefixed {@code plain:}, and a warning says
 * so at start; a later key still reads them. Thread-safe.
 */
final class SecretCipher {

  private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
  private static final String ENCRYPTED = "gcm1:";
  private static final String PLAIN = "plain:";
  private static final int NONCE_BYTES = 12;
  private static final int MIN_KEY_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final @Nullable SecretKey key;

  SecretCipher(String configuredKey) {
    if (configuredKey.isEmpty()) {
      key = null;
      log.warn(
          "image-service.webhooks.secret-key is not set: webhook signing secrets are stored"
              + " unencrypted. Set it (32 or more random characters) outside a local run.");
    } else if (configuredKey.length() < MIN_KEY_LENGTH) {
      throw new IllegalStateException(
          "image-service.webhooks.secret-key needs at least " + MIN_KEY_LENGTH + " characters");
    } else {
      // Any high-entropy string (Secrets Manager generates one): its SHA-256 is the AES-256 key.
      key = new SecretKeySpec(sha256(configuredKey), "AES");
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  String seal(SigningSecret secret) {
    if (key == null) {
      return PLAIN + secret.value();
    }
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(secret.value().getBytes(StandardCharsets.UTF_8));
      return ENCRYPTED
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  SigningSecret open(String stored) {
    if (stored.startsWith(PLAIN)) {
      return new SigningSecret(stored.substring(PLAIN.length()));
    }
    if (key == null || !stored.startsWith(ENCRYPTED)) {
      throw new IllegalStateException(
          "a webhook secret is encrypted but image-service.webhooks.secret-key is not set");
    }
    try {
      byte[] all = Base64.getDecoder().decode(stored.substring(ENCRYPTED.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
      byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new SigningSecret(new String(plain, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a webhook secret does not open with the configured key", e);
    }
  }
}
