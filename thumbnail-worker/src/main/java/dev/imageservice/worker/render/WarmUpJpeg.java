package dev.imageservice.worker.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Writes the warm-up's JPEGs as cameras do, not as ImageIO does: with an EXIF segment (orientation,
 * rationals, text, an EXIF sub-directory), optionally progressive, with an embedded ICC profile and
 * in the chroma layout asked for. A bare ImageIO JPEG (always 4:2:0) left the first real photo to
 * load and compile the EXIF reader (about 40 ms of class loading alone), the progressive decoder's
 * and scan counter's paths, the profile check ({@link SrgbEquivalent}) and, for a 4:4:4 or 4:2:2
 * photo, the decoder's loop for that layout.
 */
final class WarmUpJpeg {

  private static final int SHORT = 3;
  private static final int LONG = 4;
  private static final int ASCII = 2;
  private static final int RATIONAL = 5;
  private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

  private WarmUpJpeg() {}

  /**
   * Writes {@code image} as a JPEG carrying EXIF with this orientation and, when not null, the ICC
   * profile {@code icc}.
   */
  static Path write(
      Path file, BufferedImage image, boolean progressive, int orientation, byte @Nullable [] icc)
      throws IOException {
    return write(file, image, progressive, 2, 2, orientation, icc);
  }

  /**
   * As {@link #write(Path, BufferedImage, boolean, int, byte[])}, with the luma sampling factors
   * ({@code 2, 2}: 4:2:0 as phones and ImageIO write; {@code 2, 1}: 4:2:2 as many cameras; {@code
   * 1, 1}: 4:4:4 as Photoshop and cameras at their best quality).
   */
  static Path write(
      Path file,
      BufferedImage image,
      boolean progressive,
      int lumaH,
      int lumaV,
      int orientation,
      byte @Nullable [] icc)
      throws IOException {
    byte[] jpeg = encode(image, progressive, lumaH, lumaV);
    // After SOI and the JFIF APP0 segment ImageIO writes first.
    int at = 2;
    if ((jpeg[2] & 0xff) == 0xff && (jpeg[3] & 0xff) == 0xe0) {
      at = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 4096);
    out.write(jpeg, 0, at);
    segment(
        out,
        0xe1,
        concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), exif(image, orientation)));
    if (icc != null) {
      byte[] header = "ICC_PROFILE\0\1\1".getBytes(StandardCharsets.US_ASCII);
      segment(out, 0xe2, concat(header, icc));
    }
    out.write(jpeg, at, jpeg.length - at);
    return Files.write(file, out.toByteArray());
  }

  private static byte[] encode(BufferedImage image, boolean progressive, int lumaH, int lumaV)
      throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      IIOMetadata metadata =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
      sampling(metadata, lumaH, lumaV);
      writer.write(null, new IIOImage(image, null, metadata), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * Sets the luma component's sampling factors in ImageIO's JPEG metadata (the chroma components
   * keep 1x1): the decoder takes a different path for each chroma layout.
   */
  private static void sampling(IIOMetadata metadata, int lumaH, int lumaV)
      throws IIOInvalidTreeException {
    Node tree = metadata.getAsTree(JPEG_METADATA);
    NodeList specs = ((Element) tree).getElementsByTagName("componentSpec");
    Element luma = (Element) specs.item(0);
    luma.setAttribute("HsamplingFactor", Integer.toString(lumaH));
    luma.setAttribute("VsamplingFactor", Integer.toString(lumaV));
    metadata.setFromTree(JPEG_METADATA, tree);
  }

  private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
    out.write(0xff);
    out.write(marker);
    out.write((payload.length + 2) >> 8);
    out.write((payload.length + 2) & 0xff);
    out.writeBytes(payload);
  }

  /** A big-endian TIFF structure: IFD0 with the usual camera tags and an EXIF sub-directory. */
  private static byte[] exif(BufferedImage image, int orientation) {
    byte[] date = ascii("2026:01:01 12:00:00");
    List<byte[]> ifd0 = new ArrayList<>();
    ifd0.add(entry(0x010f, ASCII, ascii("image-service")));
    ifd0.add(entry(0x0112, SHORT, shorts(orientation)));
    ifd0.add(entry(0x011a, RATIONAL, rational(72, 1)));
    ifd0.add(entry(0x011b, RATIONAL, rational(72, 1)));
    ifd0.add(entry(0x0128, SHORT, shorts(2)));
    ifd0.add(entry(0x0132, ASCII, date));
    List<byte[]> sub = new ArrayList<>();
    sub.add(entry(0x829a, RATIONAL, rational(1, 125)));
    sub.add(entry(0x9003, ASCII, date));
    sub.add(entry(0xa001, SHORT, shorts(1)));
    sub.add(entry(0xa002, LONG, ByteBuffer.allocate(4).putInt(image.getWidth()).array()));
    sub.add(entry(0xa003, LONG, ByteBuffer.allocate(4).putInt(image.getHeight()).array()));
    int ifd0Size = size(ifd0.size() + 1);
    int subAt = 8 + ifd0Size + data(ifd0);
    ifd0.add(entry(0x8769, LONG, ByteBuffer.allocate(4).putInt(subAt).array()));
    ByteBuffer tiff = ByteBuffer.allocate(subAt + size(sub.size()) + data(sub));
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
    directory(tiff, ifd0, 8);
    directory(tiff, sub, subAt);
    return tiff.array();
  }

  // One entry: tag, type, count and the value's bytes (inline when at most 4, else after the IFD).
  private static byte[] entry(int tag, int type, byte[] value) {
    int unit =
        switch (type) {
          case SHORT -> 2;
          case LONG -> 4;
          case RATIONAL -> 8;
          default -> 1;
        };
    return ByteBuffer.allocate(8 + value.length)
        .putShort((short) tag)
        .putShort((short) type)
        .putInt(value.length / unit)
        .put(value)
        .array();
  }

  private static int size(int entries) {
    return 2 + 12 * entries + 4;
  }

  private static int data(List<byte[]> entries) {
    return entries.stream().mapToInt(e -> e.length - 8 > 4 ? e.length - 8 : 0).sum();
  }

  private static void directory(ByteBuffer tiff, List<byte[]> entries, int at) {
    int dataAt = at + size(entries.size());
    tiff.position(at).putShort((short) entries.size());
    for (byte[] e : entries) {
      int length = e.length - 8;
      tiff.put(e, 0, 8);
      if (length <= 4) {
        tiff.put(e, 8, length).put(new byte[4 - length]);
      } else {
        tiff.putInt(dataAt);
        tiff.put(dataAt, e, 8, length);
        dataAt += length;
      }
    }
    tiff.putInt(0); // no next directory
  }

  private static byte[] ascii(String text) {
    return (text + "\0").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] shorts(int value) {
    return ByteBuffer.allocate(2).putShort((short) value).array();
  }

  private static byte[] rational(int numerator, int denominator) {
    return ByteBuffer.allocate(8).putInt(numerator).putInt(denominator).array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = new byte[a.length + b.length];
    System.arraycopy(a, 0, joined, 0, a.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
