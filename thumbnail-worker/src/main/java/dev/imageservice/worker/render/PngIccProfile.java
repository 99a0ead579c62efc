package dev.imageservice.worker.render;

import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The embedded ICC profile of a PNG (iCCP chunk). The JDK's PNG reader parses the chunk but does
 * not apply it, so {@link ConvertToSrgb} does.
 */
final class PngIccProfile {

  private static final String FORMAT = "javax_imageio_png_1.0";
  // Real profiles are a few kB to a few hundred kB; a larger inflated size is a zip bomb.
  private static final int MAX_PROFILE_BYTES = 4 * 1024 * 1024;

  private PngIccProfile() {}

  /** The profile, or null when there is none or it is unusable. Needs metadata not ignored. */
  static @Nullable ICC_Profile read(ImageReader reader) throws IOException {
    IIOMetadata metadata = reader.getImageMetadata(0);
    if (metadata == null || !FORMAT.equals(metadata.getNativeMetadataFormatName())) {
      return null;
    }
    NodeList chunks = metadata.getAsTree(FORMAT).getChildNodes();
    for (int i = 0; i < chunks.getLength(); i++) {
      Node chunk = chunks.item(i);
      if ("iCCP".equals(chunk.getNodeName())
          && chunk instanceof IIOMetadataNode node
          && node.getUserObject() instanceof byte[] compressed) {
        return parse(compressed);
      }
    }
    return null;
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
