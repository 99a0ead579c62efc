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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
    try (LocalSystem system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of("server.port", 0, "image-service.auth.keys", "bench:" + KEY),
            Map.of("server.port", 0))) {
      system.stopWorker();
      BenchClient client = new BenchClient(system.apiPort(), KEY);
      load(client, image, concurrency, Math.max(5, seconds / 4)); // warm-up, discarded
      if (!rates.isEmpty()) {
        for (int rate : rates) {
          openLoop(client, image, concurrency, rate, seconds);
        }
        return;
      }
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

  /** Starts {@code rate} uploads a second for {@code seconds}, at most {@code limit} at once. */
  private static void openLoop(BenchClient client, byte[] image, int limit, int rate, int seconds)
      throws InterruptedException {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    Semaphore clients = new Semaphore(limit);
    int total = rate * seconds;
    long period = 1_000_000_000L / rate;
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < total; i++) {
        long scheduled = start + i * period;
        LockSupport.parkNanos(scheduled - System.nanoTime());
        clients.acquire();
        pool.submit(
            () -> {
              peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              try {
                client.upload(image);
                latencies.add((System.nanoTime() - scheduled) / 1e6);
              } catch (RuntimeException e) {
                failures.incrementAndGet();
              } finally {
                inFlight.decrementAndGet();
                clients.release();
              }
            });
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Stats stats = new Stats(latencies);
    System.out.printf(
        "upload %d KB JPEG, open loop at %d/s offered for %d s (at most %d in flight, peak %d),"
            + " %d cores: %d uploads, %.0f/s done, %d failed; latency from the scheduled start"
            + " p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        image.length / 1024,
        rate,
        seconds,
        limit,
        peak.get(),
        Runtime.getRuntime().availableProcessors(),
        stats.count(),
        stats.count() / elapsed,
        failures.get(),
        stats.percentile(50),
        stats.percentile(90),
        stats.percentile(99),
        stats.percentile(100));
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
