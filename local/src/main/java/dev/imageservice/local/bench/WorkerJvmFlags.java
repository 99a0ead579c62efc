package dev.imageservice.local.bench;

import java.util.List;

/**
 * The JVM flags the worker's container image starts it with beyond the memory options (the Jib
 * {@code jvmFlags} of thumbnail-worker's pom; {@code WorkerJvmFlagsTest} checks the two lists
 * agree): {@code bench e2e} measures the worker as it is deployed. They keep G1's adaptive IHOP
 * from collapsing to zero after the start-up's "Metadata GC Threshold" cycles, make G1's regions
 * large enough (32 MB) that the pixel arrays of images up to 4 megapixels are ordinary young
 * objects instead of humongous ones, each batch of which started a concurrent cycle that armed the
 * entry barrier of every compiled method, and have C2 compile the code a job runs only a few times
 * (the SDK, Jdbi, the driver) after 100 invocations instead of 5000 (docs/performance.md, goal 4).
 */
final class WorkerJvmFlags {

  static final List<String> DEPLOYED =
      List.of(
          "-XX:MetaspaceSize=128m",
          "-XX:-G1UseAdaptiveIHOP",
          "-XX:G1HeapRegionSize=32m",
          "-XX:Tier4InvocationThreshold=100",
          "-XX:Tier4MinInvocationThreshold=100");

  private WorkerJvmFlags() {}
}
