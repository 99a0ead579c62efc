package dev.imageservice.worker.render;

import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells whether converting from an embedded ICC profile to sRGB would leave every 8-bit colour
 * within one level of itself: the many sRGB profiles that are not the JDK's own ("sRGB
 * IEC61966-2.1" of cameras and phones, GIMP's built-in sRGB). For those the conversion is skipped;
 * it cost more than the whole resize of a 1024 thumbnail (an LCMS transform built per rendition).
 *
 * <p>Measured, not guessed from the profile's name or tags: the answer comes from converting a
 * probe of 5 120 colours (every level of the grey, red, green and blue ramps and a 16-level cube)
 * with the same conversion the renderer would run, once per distinct profile; the last answers are
 * kept by the profile's SHA-256. Thread-safe.
 */
final class SrgbEquivalent {

  private static final int CACHED = 32;
  private static final int TOLERANCE = 1;
  private static final BufferedImage PROBE = probe();

  private static final Map<ByteBuffer, Boolean> ANSWERS =
      new LinkedHashMap<>(CACHED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
          return size() > CACHED;
        }
      };

  private SrgbEquivalent() {}

  static boolean test(ICC_Profile profile) {
    ByteBuffer key = ByteBuffer.wrap(digest(profile.getData()));
    synchronized (ANSWERS) {
      Boolean known = ANSWERS.get(key);
      if (known != null) {
        return known;
      }
    }
    boolean answer = measure(profile);
    synchronized (ANSWERS) {
      ANSWERS.put(key, answer);
    }
    return answer;
  }

  /** Whether the answer for {@code profile} is kept, so that it costs no measurement. */
  static boolean known(ICC_Profile profile) {
    ByteBuffer key = ByteBuffer.wrap(digest(profile.getData()));
    synchronized (ANSWERS) {
      return ANSWERS.containsKey(key);
    }
  }

  /** Forgets every answer (for tests that need a cold cache). */
  static void forget() {
    synchronized (ANSWERS) {
      ANSWERS.clear();
    }
  }

  // The cache keeps digests, not profiles: an embedded profile may be megabytes long.
  private static byte[] digest(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static boolean measure(ICC_Profile profile) {
    int[] before =
        PROBE.getRGB(0, 0, PROBE.getWidth(), PROBE.getHeight(), null, 0, PROBE.getWidth());
    BufferedImage converted = ConvertToSrgb.applyProfile(PROBE, profile);
    int[] after =
        converted.getRGB(0, 0, PROBE.getWidth(), PROBE.getHeight(), null, 0, PROBE.getWidth());
    for (int i = 0; i < before.length; i++) {
      for (int shift = 0; shift < 24; shift += 8) {
        int a = before[i] >> shift & 0xff;
        int b = after[i] >> shift & 0xff;
        if (Math.abs(a - b) > TOLERANCE) {
          return false;
        }
      }
    }
    return true;
  }

  private static BufferedImage probe() {
    BufferedImage image = new BufferedImage(64, 80, BufferedImage.TYPE_INT_RGB);
    int i = 0;
    for (int level = 0; level < 256; level++) {
      set(image, i++, level << 16 | level << 8 | level);
      set(image, i++, level << 16);
      set(image, i++, level << 8);
      set(image, i++, level);
    }
    for (int r = 0; r < 16; r++) {
      for (int g = 0; g < 16; g++) {
        for (int b = 0; b < 16; b++) {
          set(image, i++, r * 17 << 16 | g * 17 << 8 | b * 17);
        }
      }
    }
    return image;
  }

  private static void set(BufferedImage image, int index, int rgb) {
    image.setRGB(index % image.getWidth(), index / image.getWidth(), rgb);
  }
}
