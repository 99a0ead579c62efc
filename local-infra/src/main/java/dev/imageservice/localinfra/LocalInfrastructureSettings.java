package dev.imageservice.localinfra;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How to start the embedded infrastructure: a data directory (null keeps everything in memory or in
 * temporary folders) and the ports (0 picks free ones).
 */
public record LocalInfrastructureSettings(
    @Nullable Path dataDirectory,
    String host,
    int postgresPort,
    int s3Port,
    int sqsPort,
    int snsPort,
    int maxReceiveCount,
    int visibilityTimeoutSeconds) {

  /** Throw-away servers on free ports: for tests. */
  public static LocalInfrastructureSettings ephemeral() {
    return new LocalInfrastructureSettings(null, "127.0.0.1", 0, 0, 0, 0, 5, 30);
  }

  /** Servers keeping their data under the directory, on fixed ports: for the local run. */
  public static LocalInfrastructureSettings persistent(Path dataDirectory) {
    return new LocalInfrastructureSettings(
        dataDirectory, "127.0.0.1", 15432, 19000, 19324, 19911, 5, 30);
  }

  /**
   * The same servers keeping their data under the directory: benchmarks that store gigabytes would
   * otherwise hold every object in the heap (the in-memory S3 store).
   */
  public LocalInfrastructureSettings withDataDirectory(Path directory) {
    return new LocalInfrastructureSettings(
        directory,
        host,
        postgresPort,
        s3Port,
        sqsPort,
        snsPort,
        maxReceiveCount,
        visibilityTimeoutSeconds);
  }

  public LocalInfrastructureSettings withMaxReceiveCount(int count) {
    return new LocalInfrastructureSettings(
        dataDirectory,
        host,
        postgresPort,
        s3Port,
        sqsPort,
        snsPort,
        count,
        visibilityTimeoutSeconds);
  }

  public LocalInfrastructureSettings withVisibilityTimeoutSeconds(int seconds) {
    return new LocalInfrastructureSettings(
        dataDirectory, host, postgresPort, s3Port, sqsPort, snsPort, maxReceiveCount, seconds);
  }
}
