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
 * NativeCodecs}), else and for PNG through ImageIO. Thread-safe. No metadata is passed to the
 * writers, so the output carries no EXIF, no GPS and no ICC profile: its pixels are sRGB, which is
 * what a viewer assumes without a profile.
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
