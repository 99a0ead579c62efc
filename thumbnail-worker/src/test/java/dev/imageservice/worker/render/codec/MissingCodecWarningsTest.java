package dev.imageservice.worker.render.codec;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A worker missing its native libraries says so at WARN: which one, what it costs, which package.
 */
class MissingCodecWarningsTest {

  @Test
  void eachMissingLibraryGetsOneWarnNamingItsCostAndPackages() {
    NativeCodecs none =
        NativeCodecs.load(
            "libnot-here-1.so", "libnot-here-2.so", "libnot-here-3.so", "libnot-here-4.so");
    assertThat(none.status()).containsOnlyKeys("libturbojpeg", "libwebp", "libheif", "libavif");
    assertThat(none.status().values()).containsOnly(false);
    Logger logger = (Logger) LoggerFactory.getLogger(MissingCodecWarnings.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      MissingCodecWarnings.log(none);
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list).hasSize(4).allMatch(e -> e.getLevel() == Level.WARN);
    assertThat(appender.list.get(0).getFormattedMessage()).contains("2.4x slower", "libturbojpeg0");
    assertThat(appender.list.get(1).getFormattedMessage()).contains("libwebp7");
    assertThat(appender.list.get(2).getFormattedMessage())
        .contains("unsupported_format", "libheif1 libde265-0 libdav1d6 libaom3");
    assertThat(appender.list.get(3).getFormattedMessage()).contains("AVIF", "libavif15");
  }

  @Test
  void aMachineWithEveryLibraryWarnsNothing() {
    NativeCodecs all = NativeCodecs.load();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        all.jpeg() && all.webp() && all.heif() && all.avifEncoding(),
        "not every native codec is installed here");
    Logger logger = (Logger) LoggerFactory.getLogger(MissingCodecWarnings.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      MissingCodecWarnings.log(all);
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list).isEmpty();
  }
}
