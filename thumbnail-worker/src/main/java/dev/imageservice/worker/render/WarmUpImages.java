package dev.imageservice.worker.render;

import static java.awt.image.BufferedImage.TYPE_BYTE_GRAY;
import static java.awt.image.BufferedImage.TYPE_BYTE_INDEXED;
import static java.awt.image.BufferedImage.TYPE_INT_ARGB;
import static java.awt.image.BufferedImage.TYPE_INT_RGB;
import static java.awt.image.BufferedImage.TYPE_USHORT_GRAY;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The files {@link RenderWarmUp} renders, written into a directory it owns. Each one stands for a
 * path through the decoders that real uploads take (the comments say which), so that its first real
 * job finds that path loaded, bound and compiled. Generated here rather than committed: a warm-up
 * that depends on no image files cannot go stale when the renderer changes.
 */
final class WarmUpImages {

  private static final int NOISE = 24;
  private static final String SRGB_ICC = "srgb-iec61966-2.1.icc";
  private static final String WIDE_GAMUT_JPEG = "wide-gamut.jpg";
  private static final String TRANSPARENT_PNG = "rgba.png";

  private WarmUpImages() {}

  /**
   * What the worker meets every day: three 2400x1600 JPEGs (4:2:0; 4:4:4 with the sRGB profile;
   * 4:2:2), a progressive EXIF-rotated camera JPEG, one with a profile to apply, opaque, grey and
   * transparent PNGs and a transparent WebP.
   */
  static List<Path> everyDay(Path dir) throws IOException {
    List<Path> images = new ArrayList<>();
    // Photo-size JPEGs (DCT-scaled, then box-halved: PlanarHalve has one loop per chroma
    // layout) in the three layouts cameras write: 4:2:0 as phones, 4:4:4 as Photoshop and
    // cameras at their best quality, with the sRGB profile; 4:2:2 as many cameras. Measured:
    // with 4:2:0 only, a 4:4:4 photo's first render compiled its loop (C1, then C2 on the same
    // core) while it ran, 100-160 ms of CPU. One picture for all three; baseline (the small
    // camera.jpg below is progressive): a progressive one took twice as long to write and read.
    BufferedImage photo = picture(2400, 1600, TYPE_INT_RGB);
    images.add(WarmUpJpeg.write(dir.resolve("warm-up.jpg"), photo, false, 2, 2, 1, null));
    images.add(
        WarmUpJpeg.write(dir.resolve("photo-444.jpg"), photo, false, 1, 1, 1, srgbProfile()));
    images.add(WarmUpJpeg.write(dir.resolve("camera-422.jpg"), photo, false, 2, 1, 1, null));
    // A phone's photo: progressive, turned by EXIF, with the sRGB profile cameras embed (its
    // equivalence to sRGB is measured once and kept, see SrgbEquivalent); decoded whole, not
    // halved.
    images.add(
        WarmUpJpeg.write(
            dir.resolve("camera.jpg"), picture(1200, 800, TYPE_INT_RGB), true, 6, srgbProfile()));
    // A wide-gamut profile that must be applied (LCMS, after the resize).
    images.add(
        WarmUpJpeg.write(
            wideGamutJpeg(dir),
            picture(600, 400, TYPE_INT_RGB),
            false,
            1,
            ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData()));
    images.add(EveryFilterPng.write(dir.resolve("rgb.png"), picture(800, 600, TYPE_INT_RGB), 3));
    images.add(EveryFilterPng.write(transparentPng(dir), picture(400, 300, TYPE_INT_ARGB), 4));
    images.add(write(dir, "grey.png", "png", picture(400, 300, TYPE_BYTE_GRAY)));
    images.add(copyResource(dir, "warm-up.webp"));
    return images;
  }

  /**
   * The PNG layouts each of which takes its own path through ImageIO's PNG reader: wide enough for
   * source subsampling, big with alpha, grey + alpha, 16-bit, palette, Adam7-interlaced.
   */
  static List<Path> rarePngs(Path dir) throws IOException {
    return List.of(
        EveryFilterPng.write(dir.resolve("wide.png"), picture(4400, 600, TYPE_INT_RGB), 3),
        EveryFilterPng.write(dir.resolve("rgba-big.png"), picture(1200, 800, TYPE_INT_ARGB), 4),
        EveryFilterPng.write(dir.resolve("grey-alpha.png"), picture(1200, 800, TYPE_INT_ARGB), 2),
        write(dir, "16.png", "png", picture(300, 200, TYPE_USHORT_GRAY)),
        write(dir, "palette.png", "png", picture(600, 400, TYPE_BYTE_INDEXED)),
        interlaced(dir.resolve("interlaced.png"), picture(400, 300, TYPE_INT_RGB)));
  }

  /** The opaque JPEG of {@link #everyDay}, whose profile must be applied. */
  static Path wideGamutJpeg(Path dir) {
    return dir.resolve(WIDE_GAMUT_JPEG);
  }

  /** The transparent PNG of {@link #everyDay}. */
  static Path transparentPng(Path dir) {
    return dir.resolve(TRANSPARENT_PNG);
  }

  /**
   * The sRGB profile most cameras, phones and Photoshop embed ("sRGB IEC61966-2.1", HP/Microsoft,
   * 3144 bytes).
   */
  static byte[] srgbProfile() {
    try (InputStream in = WarmUpImages.class.getResourceAsStream(SRGB_ICC)) {
      return Objects.requireNonNull(in, "missing resource " + SRGB_ICC).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A gradient with a transparent corner when the type has alpha, plus a little deterministic
   * noise: a smooth image would only ever exercise one PNG filter and the cheapest JPEG blocks.
   */
  private static BufferedImage picture(int width, int height, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    int[] row = new int[width];
    int seed = 17;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        seed = seed * 1_103_515_245 + 12_345;
        int noise = (seed >>> 16) % NOISE;
        int alpha = x < width / 4 && y < height / 4 ? 0x40 : 0xff;
        int red = Math.min(255, x * 255 / width + noise);
        int green = Math.min(255, y * 255 / height + noise);
        row[x] = alpha << 24 | red << 16 | green << 8 | 0x80;
      }
      // One call per row: setRGB per pixel made generating the pictures most of the warm-up.
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    return image;
  }

  /** An Adam7-interlaced PNG: ImageIO's reader has a separate path for each of its passes. */
  private static Path interlaced(Path file, BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return file;
  }

  private static Path write(Path dir, String name, String format, BufferedImage image)
      throws IOException {
    Path file = dir.resolve(name);
    if (!ImageIO.write(image, format, file.toFile())) {
      throw new IOException("no ImageIO writer for " + format);
    }
    return file;
  }

  private static Path copyResource(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = WarmUpImages.class.getResourceAsStream(name)) {
      Files.copy(Objects.requireNonNull(in, "missing resource " + name), file);
    }
    return file;
  }
}
