package dev.imageservice.worker.render.format;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.IOException;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the EXIF/TIFF Orientation tag (1..8). Broken or absent tags mean 1: show as stored. */
public final class ExifOrientation {

  private static final Logger LOG = LoggerFactory.getLogger(ExifOrientation.class);

  private ExifOrientation() {}

  /** From a TIFF structure held in memory (the payload of a JPEG APP1 Exif segment). */
  public static int fromTiff(byte[] tiff) {
    try (ImageInputStream in = new ByteArrayImageInputStream(tiff)) {
      return fromTiff(in);
    } catch (IOException e) {
      return 1;
    }
  }

  /** From a TIFF file or structure starting at position 0 of {@code in}. */
  public static int fromTiff(ImageInputStream in) {
    try {
      in.seek(0);
      Directory directory = new TIFFReader().read(in);
      if (directory instanceof CompoundDirectory compound && compound.directoryCount() > 0) {
        directory = compound.getDirectory(0);
      }
      Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
      int value = entry != null && entry.getValue() instanceof Number n ? n.intValue() : 1;
      return value >= 1 && value <= 8 ? value : 1;
    } catch (IOException | RuntimeException e) {
      // Broken EXIF is common and harmless: the picture is still readable, shown as stored.
      LOG.debug("unreadable EXIF orientation, assuming 1", e);
      return 1;
    }
  }
}
