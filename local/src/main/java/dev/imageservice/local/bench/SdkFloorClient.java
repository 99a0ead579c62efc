package dev.imageservice.local.bench;

import dev.imageservice.localinfra.LocalEndpoints;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The measuring side of {@code bench sdk-floor}: a process of its own ({@link SdkFloorBenchmark}
 * starts it), so that its CPU is the clients' alone, the servers' being in the bench JVM and
 * PostgreSQL's in its own processes. It warms every kind of call up together, one of each in turn
 * as a job makes them, to {@code --warm-up-calls} calls of each (1 000: about what {@code bench
 * e2e}'s workers get, 360 jobs' PUTs), measures a window of {@code --window-calls} calls of each
 * kind, one kind after another, warms up on to {@code --calls} calls of each (8 000: a worker that
 * has run for days) and measures again. Each window prints a line per kind ({@link FloorResult})
 * and one per job ({@link FloorJob}).
 */
final class SdkFloorClient {

  private SdkFloorClient() {}

  static void run(BenchOptions options) throws Exception {
    SdkFloorBenchmark.infoLogging();
    Path data = Path.of(options.values().get("data"));
    int shortWarmUp = options.integer("warm-up-calls", 1000);
    int longWarmUp = options.integer("calls", 8000);
    int window = options.integer("window-calls", 1000);
    LocalEndpoints endpoints = LocalEndpoints.readFrom(data.resolve(SdkFloorBenchmark.ENDPOINTS));
    try (WorkerClients clients = WorkerClients.connect(endpoints)) {
      List<FloorCall> calls = calls(clients, endpoints, options);
      System.out.printf(
          "sdk-floor: the client process (pid %d, %s) measures its CPU per call, every thread,"
              + " compiler threads left out, and the calling thread's (its main thread, which"
              + " /proc names java); the servers run in the bench JVM, PostgreSQL in its own"
              + " processes, neither counted%n",
          ProcessHandle.current().pid(),
          String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
      CallMeter meter = new CallMeter();
      CallMeter.warmUp(calls, shortWarmUp);
      measure(meter, calls, shortWarmUp, window);
      int done = shortWarmUp + window;
      CallMeter.warmUp(calls, Math.max(0, longWarmUp - done));
      measure(meter, calls, Math.max(done, longWarmUp), window);
    }
  }

  private static List<FloorCall> calls(
      WorkerClients clients, LocalEndpoints endpoints, BenchOptions options) throws Exception {
    List<FloorCall> calls = new ArrayList<>();
    calls.add(
        new S3PutCall(
            clients.s3(), endpoints.thumbnailsBucket(), options.integer("thumbnail-kb", 20) << 10));
    calls.add(
        S3GetCall.of(
            clients.s3(), endpoints.imagesBucket(), options.integer("original-kb", 1536) << 10));
    calls.add(SnsPublishCall.of(clients.sns(), "sdk-floor"));
    calls.add(SqsReceiveCall.of(clients.sqs(), clients.sender(), "sdk-floor"));
    calls.add(DbUpdateCall.of(clients.jdbi()));
    return calls;
  }

  private static void measure(CallMeter meter, List<FloorCall> calls, int warmUp, int window) {
    List<FloorResult> results = new ArrayList<>();
    for (FloorCall call : calls) {
      FloorResult result = meter.measure(call, warmUp, window);
      System.out.println(result.line());
      results.add(result);
    }
    System.out.println(new FloorJob(warmUp, results).line());
  }
}
