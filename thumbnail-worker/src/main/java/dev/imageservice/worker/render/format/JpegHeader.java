package dev.imageservice.worker.render.format;

import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.stream.ImageInputStream;

/** Reads, from a JPEG's marker segments before the first scan, what the pixels alone do not say. */
public record JpegHeader(int orientation, CmykEncoding cmyk) {

  private static final Map<Integer, List<String>> WANTED = wanted();

  /** Reads from the start of {@code in}; leaves the stream position anywhere. */
  public static JpegHeader read(ImageInputStream in) throws IOException {
    in.seek(0);
    List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, WANTED);
    int orientation = 1;
    boolean icc = false;
    int components = 3;
    int adobeTransform = -1;
    for (JPEGSegment segment : segments) {
      byte[] data = segment.segmentData().readAllBytes();
      int marker = segment.marker();
      if (marker == JPEG.APP1 && orientation == 1) {
        // "Exif\0\0" precedes the TIFF structure.
        orientation = ExifOrientation.fromTiff(Arrays.copyOfRange(data, 6, data.length));
      } else if (marker == JPEG.APP2) {
        icc = true;
      } else if (marker == JPEG.APP14 && data.length > 11) {
        adobeTransform = data[11] & 0xff;
      } else if (isStartOfFrame(marker) && data.length > 5) {
        components = data[5] & 0xff;
      }
    }
    return new JpegHeader(orientation, cmykEncoding(components, icc, adobeTransform));
  }

  private static CmykEncoding cmykEncoding(int components, boolean icc, int adobeTransform) {
    // With a profile the TwelveMonkeys reader converts the inks properly itself.
    if (components != 4 || icc) {
      return CmykEncoding.NONE;
    }
    return adobeTransform == 2 ? CmykEncoding.YCCK : CmykEncoding.CMYK;
  }

  private static boolean isStartOfFrame(int marker) {
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    return marker >= JPEG.SOF0
        && marker <= JPEG.SOF15
        && marker != JPEG.DHT
        && marker != 0xFFC8
        && marker != JPEG.DAC;
  }

  private static Map<Integer, List<String>> wanted() {
    Map<Integer, List<String>> wanted = new HashMap<>();
    wanted.put(JPEG.APP1, List.of("Exif"));
    wanted.put(JPEG.APP2, List.of("ICC_PROFILE"));
    wanted.put(JPEG.APP14, List.of("Adobe"));
    for (int marker = JPEG.SOF0; marker <= JPEG.SOF15; marker++) {
      if (isStartOfFrame(marker)) {
        wanted.put(marker, JPEGSegmentUtil.ALL_IDS);
      }
    }
    return Map.copyOf(wanted);
  }
}
