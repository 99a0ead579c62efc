package dev.imageservice.local.bench;

import dev.imageservice.local.LocalSystem;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/**
 * Upload API latency under concurrency, against the local system with its worker stopped (only the
 * API's own work is measured: spool, sniff, S3 put, transaction, 202), after a warm-up period.
 *
 * <ul>
 *   <li>Closed loop (default): N clients (virtual threads, JDK HttpClient, HTTP/1.1) upload the
 *       same ~1 MB JPEG back to back for a fixed time. Latency is then N / throughput (Little's
 *       law) once the server is saturated.
 *   <li>Open loop ({@code --rates 10,20,40}): uploads start on a fixed schedule at each offered
 *       rate, at most N in flight. Latency counts from the scheduled start, so a request that had
 *       to wait for a free client is charged for the wait (no coordinated omission).
 * </ul>
 */
final class UploadLatencyBenchmark {

  private static final String KEY = "bench-tenant-key-0123456789abcdef";

  private UploadLatencyBenchmark() {}

  static void run(BenchOptions options) throws Exception {
    int concurrency = options.integer("concurrency", 100);
    int seconds = options.integer("seconds", 20);
    byte[] image = jpegOfAbout(options.integer("size-kb", 1024) * 1024);
    List<Integer> rates =
        options.values().containsKey("rates") ? options.integers("rates", "") : List.of();
    try (ScratchDirectory data = ScratchDirectory.create("bench-upload");
        LocalSystem system =
            LocalSystem.start(
                LocalInfrastructureSettings.ephemeral().withDataDirectory(data.path()),
                Map.of("server.port", 0, "image-service.auth.keys", "bench:" + KEY),
                Map.of("server.port", 0))) {
      system.stopWorker();
      BenchClient client = new BenchClient(system.apiPort(), KEY);
      Runnable upload = () -> client.upload(image);
      LoadDriver.closedLoop(upload, concurrency, Math.max(5, seconds / 4)); // warm-up, discarded
      if (!rates.isEmpty()) {
        for (int rate : rates) {
          LoadDriver.Result result = LoadDriver.openLoop(upload, concurrency, rate, seconds);
          System.out.printf(
              "upload %d KB JPEG, open loop at %d/s offered for %d s (at most %d in flight, peak"
                  + " %d), %d cores: %d uploads, %.0f/s done, %d failed; latency from the"
                  + " scheduled start %s%n",
              image.length / 1024,
              rate,
              seconds,
              concurrency,
              result.peakInFlight(),
              Runtime.getRuntime().availableProcessors(),
              result.stats().count(),
              result.perSecond(),
              result.failures(),
              percentiles(result.stats()));
        }
        return;
      }
      LoadDriver.Result result = LoadDriver.closedLoop(upload, concurrency, seconds);
      System.out.printf(
          "upload %d KB JPEG, %d concurrent clients, %d s (after warm-up), %d cores: %d uploads,"
              + " %.0f/s, %d failed; latency %s%n",
          image.length / 1024,
          concurrency,
          seconds,
          Runtime.getRuntime().availableProcessors(),
          result.stats().count(),
          result.perSecond(),
          result.failures(),
          percentiles(result.stats()));
    }
  }

  static String percentiles(Stats stats) {
    return String.format(
        "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
        stats.percentile(50), stats.percentile(90), stats.percentile(99), stats.percentile(100));
  }

  /** A photo-like JPEG of about the given size, made from noise over gradients (no file needed). */
  static byte[] jpegOfAbout(int bytes) throws Exception {
    byte[] first = jpegOfSide((int) Math.sqrt(bytes / 0.5));
    // Noise compresses unpredictably: one correction of the side from the first attempt's size.
    return jpegOfSide((int) (Math.sqrt(bytes / (double) first.length) * Math.sqrt(bytes / 0.5)));
  }

  private static byte[] jpegOfSide(int side) throws Exception {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    java.util.Random random = new java.util.Random(42);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int r = (x * 255 / side + random.nextInt(40)) & 0xff;
        int g = (y * 255 / side + random.nextInt(40)) & 0xff;
        image.setRGB(x, y, (r << 16) | (g << 8) | random.nextInt(60));
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
