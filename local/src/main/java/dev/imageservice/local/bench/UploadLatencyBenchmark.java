package dev.imageservice.local.bench;

import dev.imageservice.local.LocalSystem;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/**
 * Upload API latency under concurrency: N clients (virtual threads, one HTTP/1.1 connection pool)
 * upload the same ~1 MB JPEG in a loop for a fixed time against the local system with its worker
 * stopped (only the API's own work is measured: spool, sniff, S3 put, transaction, 202). Prints
 * p50/p90/p99/max after a warm-up period.
 */
final class UploadLatencyBenchmark {

  private static final String KEY = "bench-key";

  private UploadLatencyBenchmark() {}

  static void run(BenchOptions options) throws Exception {
    int concurrency = options.integer("concurrency", 100);
    int seconds = options.integer("seconds", 20);
    byte[] image = jpegOfAbout(options.integer("size-kb", 1024) * 1024);
    try (LocalSystem system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of("server.port", 0, "image-service.auth.keys", "bench:" + KEY),
            Map.of("server.port", 0))) {
      system.stopWorker();
      BenchClient client = new BenchClient(system.apiPort(), KEY);
      load(client, image, concurrency, Math.max(5, seconds / 4)); // warm-up, discarded
      long start = System.nanoTime();
      List<Double> latencies = load(client, image, concurrency, seconds);
      double elapsed = (System.nanoTime() - start) / 1e9;
      Stats stats = new Stats(latencies);
      System.out.printf(
          "upload %d KB JPEG, %d concurrent clients, %d s (after warm-up), %d cores: %d uploads, %.0f/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          image.length / 1024,
          concurrency,
          seconds,
          Runtime.getRuntime().availableProcessors(),
          stats.count(),
          stats.count() / elapsed,
          stats.percentile(50),
          stats.percentile(90),
          stats.percentile(99),
          stats.percentile(100));
    }
  }

  private static List<Double> load(BenchClient client, byte[] image, int concurrency, int seconds)
      throws InterruptedException {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        clients.submit(
            () -> {
              while (System.nanoTime() < deadline) {
                long t = System.nanoTime();
                try {
                  client.upload(image);
                  latencies.add((System.nanoTime() - t) / 1e6);
                } catch (RuntimeException e) {
                  failures.incrementAndGet();
                }
              }
            });
      }
    }
    if (failures.get() > 0) {
      System.out.printf("  %d uploads failed%n", failures.get());
    }
    return latencies;
  }

  /** A photo-like JPEG of about the given size, made from noise over gradients (no file needed). */
  static byte[] jpegOfAbout(int bytes) throws Exception {
    int side = (int) Math.sqrt(bytes / 0.35);
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
