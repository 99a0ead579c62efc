package dev.imageservice.worker.render.format;

import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * The embedded ICC profile of a PNG (iCCP chunk). The JDK's PNG reader parses the chunk but does
 * not apply it, so {@code ConvertToSrgb} does. The chunk comes raw from the header pre-scan, never
 * from the reader's metadata, whose parsing inflates every text chunk of the file.
 */
public final class PngIccProfile {

  // Real profiles are a few kB to a few hundred kB; a larger inflated size is a zip bomb.
  private static final int MAX_PROFILE_BYTES = 4 * 1024 * 1024;
  private static final int MAX_NAME_BYTES = 79;

  private PngIccProfile() {}

  /**
   * The profile in an iCCP chunk's data (name, NUL, compression method, deflated profile), or null
   * when it is unusable.
   */
  public static @Nullable ICC_Profile fromChunk(byte[] chunk) {
    int nul = 0;
    while (nul < chunk.length && nul <= MAX_NAME_BYTES && chunk[nul] != 0) {
      nul++;
    }
    if (nul >= chunk.length - 1 || nul > MAX_NAME_BYTES || chunk[nul + 1] != 0) {
      return null; // no terminated name, or a compression method other than deflate
    }
    return parse(Arrays.copyOfRange(chunk, nul + 2, chunk.length));
  }

  private static @Nullable ICC_Profile parse(byte[] compressed) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 3);
      byte[] buffer = new byte[8192];
      while (!inflater.finished() && out.size() <= MAX_PROFILE_BYTES) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return null;
        }
        out.write(buffer, 0, n);
      }
      return inflater.finished() ? ICC_Profile.getInstance(out.toByteArray()) : null;
    } catch (DataFormatException | IllegalArgumentException e) {
      // A broken profile is ignored, as browsers do: the pixels are shown as sRGB.
      return null;
    } finally {
      inflater.end();
    }
  }
}
