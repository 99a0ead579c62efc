package dev.imageservice.common.format;

import dev.imageservice.common.job.FailureCode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.imageio.stream.ImageInputStream;

/**
 * Recognises HEIF files (HEIC, AVIF) by their {@code ftyp} brands and reads the primary image's
 * size from its {@code ispe} property, with {@code irot} and {@code imir}, walking ISO base media
 * boxes by their lengths without any codec. This is what lets the API accept HEIC and AVIF without
 * libheif, and the worker refuse a pixel bomb before libheif allocates anything.
 *
 * <p>Bounded: the top-level walk stops after {@value #MAX_TOP_LEVEL_BOXES} boxes, the {@code meta}
 * box is read only up to {@value #MAX_META_BYTES} bytes and every inner walk stays inside it.
 * Stateless and thread-safe.
 */
public final class HeifBoxes {

  static final int MAX_TOP_LEVEL_BOXES = 64;
  static final int MAX_META_BYTES = 4 << 20;

  private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");
  private static final Set<String> HEIC_BRANDS =
      Set.of("heic", "heix", "heim", "heis", "hevc", "hevx");
  private static final Set<String> HEIF_BRANDS = Set.of("mif1", "msf1");

  private HeifBoxes() {}

  /**
   * Whether the stream starts with an {@code ftyp} box of a HEIF brand; reads 64 bytes at most and
   * leaves the stream at its start, where ImageIO's providers look for their own signatures.
   *
   * @return {@code heic}, {@code avif} or {@code heif}; empty for anything else
   */
  public static Optional<String> brand(ImageInputStream in) throws IOException {
    in.seek(0);
    byte[] head = new byte[64];
    int n = Math.max(0, in.read(head));
    in.seek(0);
    if (n < 16 || !ascii(head, 4).equals("ftyp")) {
      return Optional.empty();
    }
    int size = (int) Math.min(Math.max(0, ByteBuffer.wrap(head).getInt(0)), n);
    Set<String> brands = new HashSet<>();
    brands.add(ascii(head, 8));
    for (int at = 16; at + 4 <= size; at += 4) {
      brands.add(ascii(head, at));
    }
    if (brands.stream().anyMatch(AVIF_BRANDS::contains)) {
      return Optional.of("avif");
    }
    if (brands.stream().anyMatch(HEIC_BRANDS::contains)) {
      return Optional.of("heic");
    }
    return brands.stream().anyMatch(HEIF_BRANDS::contains) ? Optional.of("heif") : Optional.empty();
  }

  /**
   * Reads the primary image's properties from a stream {@link #brand} recognised.
   *
   * @throws StructureLimitExceededException ({@code corrupt_image}) when there is no readable
   *     {@code meta} box, no primary item or no {@code ispe} for it, or a box runs past its parent
   */
  public static HeifImageInfo read(ImageInputStream in) throws IOException {
    try {
      ByteBuffer meta = metaBox(in);
      return HeifMetaReader.primaryImage(meta);
    } catch (EOFException | RuntimeException e) {
      if (e instanceof StructureLimitExceededException limit) {
        throw limit;
      }
      throw corrupt("the HEIF boxes are damaged or truncated");
    }
  }

  private static ByteBuffer metaBox(ImageInputStream in) throws IOException {
    long at = 0;
    long length = in.length();
    for (int boxes = 0; boxes < MAX_TOP_LEVEL_BOXES; boxes++) {
      in.seek(at);
      long size = in.readUnsignedInt();
      String type = fourcc(in);
      int header = 8;
      if (size == 1) {
        size = in.readLong();
        header = 16;
      } else if (size == 0) {
        size = length < 0 ? Long.MAX_VALUE : length - at; // to the end of the file
      }
      if (size < header) {
        throw corrupt("a HEIF box has an impossible size");
      }
      if (type.equals("meta")) {
        if (size - header > MAX_META_BYTES) {
          throw corrupt("the HEIF meta box is larger than %d bytes".formatted(MAX_META_BYTES));
        }
        byte[] body = new byte[(int) (size - header)];
        in.readFully(body);
        return ByteBuffer.wrap(body);
      }
      at += size;
    }
    throw corrupt("no HEIF meta box among the first %d boxes".formatted(MAX_TOP_LEVEL_BOXES));
  }

  static StructureLimitExceededException corrupt(String message) {
    return new StructureLimitExceededException(FailureCode.CORRUPT_IMAGE, message);
  }

  private static String fourcc(ImageInputStream in) throws IOException {
    byte[] b = new byte[4];
    in.readFully(b);
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static String ascii(byte[] bytes, int at) {
    return new String(bytes, at, 4, StandardCharsets.ISO_8859_1);
  }
}
