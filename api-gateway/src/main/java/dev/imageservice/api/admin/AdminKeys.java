package dev.imageservice.api.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The configured admin keys, held only as SHA-256 hashes. A presented key is hashed and compared
 * with every stored hash in constant time, without stopping at a match, so the answer's timing says
 * nothing about how close a guess was. Immutable and thread-safe.
 */
@Component
public class AdminKeys {

  private final List<byte[]> hashes;

  AdminKeys(AdminProperties properties) {
    this.hashes = properties.keys().stream().map(AdminKeys::sha256).toList();
  }

  public boolean matches(String presented) {
    byte[] hash = sha256(presented);
    boolean match = false;
    for (byte[] stored : hashes) {
      match |= MessageDigest.isEqual(stored, hash);
    }
    return match;
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
