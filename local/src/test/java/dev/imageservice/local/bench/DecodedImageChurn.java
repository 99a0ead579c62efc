package dev.imageservice.local.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.awaitility.Awaitility;

/**
 * Run in a JVM of its own by {@link WorkerHeapRegionsTest}: allocates what a worker's render of the
 * benchmark's images allocates, pixel arrays of 1 to 3.9 megapixels (4 to 15.6 MB) that die within
 * the render, and prints how many collections G1 ran and how many of them a humongous allocation
 * started (each one a concurrent marking cycle, which arms the entry barrier of every compiled
 * method).
 */
public final class DecodedImageChurn {

  private static final int[] MEGAPIXELS_X10 = {10, 39, 25, 16, 30, 12};

  public static void main(String[] args) {
    AtomicInteger collections = new AtomicInteger();
    AtomicInteger humongous = new AtomicInteger();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector)
          .addNotificationListener(
              (notification, handback) -> {
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                collections.incrementAndGet();
                if (info.getGcCause().contains("Humongous")) {
                  humongous.incrementAndGet();
                }
              },
              null,
              null);
    }
    long checksum = 0;
    for (int image = 0; image < 600; image++) {
      int[] pixels = new int[MEGAPIXELS_X10[image % MEGAPIXELS_X10.length] * 100_000];
      pixels[pixels.length - 1] = image;
      checksum += pixels[pixels.length - 1];
    }
    // Notifications come on a JMX thread: wait until every collection the JVM counts is counted.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> collections.get() >= collectionCount());
    System.out.println(
        "collections=" + collections.get() + " humongous=" + humongous.get() + " " + checksum);
  }

  private static long collectionCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .sum();
  }

  private DecodedImageChurn() {}
}
