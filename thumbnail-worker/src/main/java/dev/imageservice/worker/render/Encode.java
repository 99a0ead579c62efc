package dev.imageservice.worker.render;

import dev.imageservice.worker.render.codec.NativeCodecs;
import dev.imageservice.worker.render.pixel.Pixels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes each rendition, JPEG through TurboJPEG when the native codecs are present (see {@link
 * NativeCodecs}), else and for PNG through ImageIO; WebP through libwebp and AVIF through libavif
 * ({@link FormatChoice} only picks them where they loaded). Thread-safe. No metadata is passed to
 * the encoders, so the output carries no EXIF, no GPS and no ICC profile: its pixels are sRGB,
 * which is what a viewer assumes without a profile (AVIF says so in its {@code nclx} box).
 */
final class Encode implements RenderStep {

  private final NativeCodecs codecs;

  Encode(NativeCodecs codecs) {
    this.codecs = codecs;
  }

  @Override
  public RenderState apply(RenderState state) {
    return state.withRenditions(
        state.renditions().stream().map(r -> r.withBytes(encode(r))).toList());
  }

  private byte[] encode(Rendition rendition) {
    BufferedImage image = rendition.image();
    if (rendition.format() == OutputFormat.WEBP) {
      return codecs
          .encodeWebp(straightArgb(image), image.getWidth(), image.getHeight(), quality(rendition))
          .orElseThrow(() -> new IllegalStateException("WebP chosen without libwebp"));
    }
    if (rendition.format() == OutputFormat.AVIF) {
      return codecs
          .encodeAvif(
              Pixels.data(image),
              image.getWidth(),
              image.getHeight(),
              Pixels.hasAlpha(image),
              avifQuality(quality(rendition)),
              NativeCodecs.DEFAULT_AVIF_SPEED)
          .orElseThrow(() -> new IllegalStateException("AVIF chosen without libavif"));
    }
    if (rendition.format() == OutputFormat.JPEG && !Pixels.hasAlpha(image)) {
      // libjpeg-turbo's encoder: same tables and chroma subsampling as ImageIO's, several times
      // faster (ImageIO on Temurin uses its bundled libjpeg 6b).
      Optional<byte[]> fast =
          codecs.encodeJpeg(
              Pixels.data(image),
              image.getWidth(),
              image.getHeight(),
              rendition.preset().imageIoQuality());
      if (fast.isPresent()) {
        return fast.get();
      }
    }
    if (rendition.format() == OutputFormat.PNG && Pixels.hasAlpha(image)) {
      // PNG stores straight alpha; the writer would store premultiplied samples as they are.
      image = straight(image);
    }
    ImageWriter writer =
        ImageIO.getImageWritersByFormatName(
                rendition.format() == OutputFormat.JPEG ? "jpeg" : "png")
            .next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param(writer, rendition));
    } catch (IOException e) {
      throw new UncheckedIOException("encoding " + rendition.preset().name() + " failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static int quality(Rendition rendition) {
    return rendition.preset().quality();
  }

  /**
   * A preset's quality is on libjpeg's scale (85 by default). WebP's factor looks about the same at
   * the same number; AVIF keeps that look with fewer bits, so it is asked for 20 less (85 becomes
   * 65, quantizer 22 of 63): bytes and error of each are in docs/performance.md.
   */
  static int avifQuality(int quality) {
    return Math.clamp(quality - 20, 1, 100);
  }

  /** Straight {@code 0xAARRGGBB}, opaque pixels with alpha 255 (libwebp reads the top byte). */
  private static int[] straightArgb(BufferedImage image) {
    int[] src = Pixels.data(image);
    int[] dst = new int[src.length];
    if (Pixels.hasAlpha(image)) {
      for (int i = 0; i < src.length; i++) {
        dst[i] = Pixels.unpremultiply(src[i]);
      }
    } else {
      for (int i = 0; i < src.length; i++) {
        dst[i] = src[i] | 0xFF000000;
      }
    }
    return dst;
  }

  private static ImageWriteParam param(ImageWriter writer, Rendition rendition) {
    ImageWriteParam param = writer.getDefaultWriteParam();
    if (rendition.format() == OutputFormat.JPEG) {
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(rendition.preset().imageIoQuality());
      if (param instanceof JPEGImageWriteParam jpeg) {
        jpeg.setOptimizeHuffmanTables(true); // a few percent smaller, no quality cost
      }
    }
    return param;
  }

  private static BufferedImage straight(BufferedImage premultiplied) {
    BufferedImage out =
        new BufferedImage(
            premultiplied.getWidth(), premultiplied.getHeight(), BufferedImage.TYPE_INT_ARGB);
    int[] src = Pixels.data(premultiplied);
    int[] dst = Pixels.data(out);
    for (int i = 0; i < src.length; i++) {
      dst[i] = Pixels.unpremultiply(src[i]);
    }
    return out;
  }
}
