package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Test assertions that an encoded thumbnail carries no metadata (EXIF, GPS, XMP, ICC, text). */
final class OutputMetadata {

  private static final Set<String> FORBIDDEN_PNG_CHUNKS =
      Set.of("eXIf", "iCCP", "tEXt", "zTXt", "iTXt");

  private static final Set<String> FORBIDDEN_WEBP_CHUNKS = Set.of("EXIF", "XMP ", "ICCP");
  private static final Set<String> FORBIDDEN_AVIF_CODES = Set.of("Exif", "mime", "prof", "rICC");

  private OutputMetadata() {}

  static void assertClean(RenderedThumbnail thumbnail) {
    byte[] bytes = thumbnail.bytes();
    if (thumbnail.format() == OutputFormat.JPEG) {
      List<String> segments = jpegSegments(bytes);
      assertThat(segments)
          .as("JPEG segments of " + thumbnail.preset())
          .noneMatch(s -> s.startsWith("APP1")) // EXIF (and its GPS IFD) or XMP
          .noneMatch(s -> s.startsWith("APP2 ICC_PROFILE"));
    } else if (thumbnail.format() == OutputFormat.WEBP) {
      assertThat(webpChunks(bytes))
          .as("WebP chunks of " + thumbnail.preset())
          .doesNotContainAnyElementsOf(FORBIDDEN_WEBP_CHUNKS);
    } else if (thumbnail.format() == OutputFormat.AVIF) {
      // Metadata in HEIF is an item of type 'Exif' or 'mime' (XMP), a profile a 'colr' of type
      // 'prof' or 'rICC'; none of these four-character codes may appear anywhere in the file.
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      assertThat(FORBIDDEN_AVIF_CODES)
          .as("AVIF metadata boxes of " + thumbnail.preset())
          .noneMatch(text::contains);
    } else {
      assertThat(pngChunks(bytes))
          .as("PNG chunks of " + thumbnail.preset())
          .doesNotContainAnyElementsOf(FORBIDDEN_PNG_CHUNKS);
    }
  }

  /** Marker segments before the first scan, as "APPn identifier". */
  static List<String> jpegSegments(byte[] jpeg) {
    List<String> segments = new ArrayList<>();
    int i = 2; // SOI
    while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
      int marker = jpeg[i + 1] & 0xff;
      int length = (jpeg[i + 2] & 0xff) << 8 | (jpeg[i + 3] & 0xff);
      if (marker == 0xDA) {
        break; // start of scan: no metadata follows
      }
      String name = marker >= 0xE0 && marker <= 0xEF ? "APP" + (marker - 0xE0) : "M" + marker;
      int idLength = Math.min(12, Math.max(0, length - 2));
      String id =
          new String(
              jpeg, i + 4, Math.min(idLength, jpeg.length - i - 4), StandardCharsets.ISO_8859_1);
      segments.add(name + " " + id.replace("\0", ""));
      i += 2 + length;
    }
    return segments;
  }

  /** The chunk types after the RIFF header, e.g. {@code VP8X, ALPH, VP8 }. */
  static List<String> webpChunks(byte[] webp) {
    List<String> chunks = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.wrap(webp).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    buffer.position(12); // RIFF, size, WEBP
    while (buffer.remaining() >= 8) {
      byte[] type = new byte[4];
      buffer.get(type);
      int length = buffer.getInt();
      chunks.add(new String(type, StandardCharsets.ISO_8859_1));
      buffer.position(Math.min(buffer.limit(), buffer.position() + length + (length & 1)));
    }
    return chunks;
  }

  static List<String> pngChunks(byte[] png) {
    List<String> chunks = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.wrap(png);
    buffer.position(8); // signature
    while (buffer.remaining() >= 12) {
      int length = buffer.getInt();
      byte[] type = new byte[4];
      buffer.get(type);
      chunks.add(new String(type, StandardCharsets.ISO_8859_1));
      buffer.position(buffer.position() + length + 4); // data and CRC
    }
    return chunks;
  }
}
