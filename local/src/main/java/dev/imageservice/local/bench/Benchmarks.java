package dev.imageservice.local.bench;

import java.util.Arrays;

/**
 * Entry of the benchmarks that need the running system: {@code java -jar
 * local/target/image-service-local.jar bench e2e|upload|webhooks|direct-upload|sdk-floor
 * [options]}. They print a table; they are not tests and are run by hand (see docs/performance.md).
 * {@code sdk-floor-client} is {@code sdk-floor}'s own second process, not run by hand.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    String which = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (which) {
      case "e2e" -> EndToEndBenchmark.run(BenchOptions.parse(rest));
      case "upload" -> UploadLatencyBenchmark.run(BenchOptions.parse(rest));
      case "webhooks" -> WebhookLatencyBenchmark.run(BenchOptions.parse(rest));
      case "direct-upload" -> DirectUploadBenchmark.run(BenchOptions.parse(rest));
      case "sdk-floor" -> SdkFloorBenchmark.run(BenchOptions.parse(rest));
      case "sdk-floor-client" -> SdkFloorClient.run(BenchOptions.parse(rest));
      default -> {
        System.err.println(
            """
            usage: bench e2e    [--images DIR] [--jobs N] [--workers 1,2] [--warm-up-jobs MIN]
                                [--max-warm-up-jobs N] [--jit-idle-percent 2]
                                [--concurrency 2] [--formats webp,avif] [--paced 0]
                                [--worker-jars a.jar,b.jar] [--rounds N]
                                [--worker-flag-variants "|-XX:G1HeapRegionSize=0"]
                                [--worker-java-options "-XX:StartFlightRecording=..."]
                   bench upload [--concurrency 100] [--seconds 20] [--size-kb 1024]
                                [--rates 10,20,40]
                   bench webhooks [--jobs 200] [--concurrency 4] [--size-kb 64]
                   bench direct-upload [--rate 100] [--concurrency 100] [--seconds 20]
                                [--size-kb 1024] [--mode open|closed]
                   bench sdk-floor [--warm-up-calls 1000] [--calls 8000] [--window-calls 1000]
                                [--thumbnail-kb 20] [--original-kb 1536]""");
        System.exit(2);
      }
    }
  }
}
