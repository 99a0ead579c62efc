package dev.imageservice.worker.render.codec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN per native library that did not load, saying what it costs and which Debian packages add
 * it: a newcomer following the README otherwise never learns why renders are slow or why HEIC
 * fails.
 */
final class MissingCodecWarnings {

  private static final Logger LOG = LoggerFactory.getLogger(MissingCodecWarnings.class);

  private MissingCodecWarnings() {}

  static void log(NativeCodecs codecs) {
    if (!codecs.jpeg()) {
      LOG.warn(
          "libturbojpeg (libturbojpeg.so.0) is missing: JPEGs decode and encode through ImageIO,"
              + " about 2.4x slower; install the Debian package libturbojpeg0");
    }
    if (!codecs.webp()) {
      LOG.warn(
          "libwebp (libwebp.so.7) is missing: WebP decodes through TwelveMonkeys, several times"
              + " slower and without scaled decoding, and transparent thumbnails are PNG, not WebP;"
              + " install the Debian package libwebp7");
    }
    if (!codecs.heif()) {
      LOG.warn(
          "libheif (libheif.so.1) is missing: HEIC, HEIF and AVIF uploads fail with"
              + " unsupported_format on this worker; install the Debian packages libheif1"
              + " libde265-0 libdav1d6 libaom3");
    }
    if (!codecs.avifEncoding()) {
      LOG.warn(
          "libavif (libavif.so.15) is missing: no AVIF thumbnails on this worker (formats=avif is"
              + " not stored, presets fixed to avif get what auto gives); install the Debian"
              + " package libavif15");
    }
  }
}
