package dev.imageservice.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.jspecify.annotations.Nullable;

/**
 * An S3-compatible server (S3Proxy) that checks AWS V4 signatures, so presigned URLs are really
 * validated. With a base directory objects are kept on disk; without one they live in memory. The
 * HTTP endpoint can be stopped and started again on the same port over the same store (fault
 * tests). Not thread-safe: start, stop and close from one thread.
 */
public final class S3ProxyServer implements AutoCloseable {

  /**
   * The local console (any port on this machine) may PUT direct uploads from the browser, as the
   * images bucket's CORS rule allows the console's origin in AWS. Origins are regular expressions.
   */
  private static final CrossOriginResourceSharing CONSOLE_CORS =
      new CrossOriginResourceSharing(
          List.of("http://localhost(:[0-9]+)?", "http://127\\.0\\.0\\.1(:[0-9]+)?"),
          List.of("PUT", "GET", "HEAD"),
          List.of("content-type"),
          List.of("etag"),
          "false");

  private final BlobStore blobStore;
  private final String host;
  private final String accessKey;
  private final String secretKey;
  private final URI endpoint;
  private @Nullable S3Proxy proxy;

  private S3ProxyServer(
      BlobStore blobStore, String host, int port, String accessKey, String secretKey) {
    this.blobStore = blobStore;
    this.host = host;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.proxy = launch(port);
    this.endpoint = URI.create("http://" + host + ":" + proxy.getPort());
  }

  public static S3ProxyServer start(
      @Nullable Path baseDirectory, String host, int port, String accessKey, String secretKey) {
    Properties properties = new Properties();
    String provider = "transient";
    if (baseDirectory != null) {
      provider = "filesystem-nio2";
      // Absolute and normalised: the store names listed objects by relativising the files it
      // walks against this path, and with a relative one (.local/s3) every listing came back
      // empty while reads and writes still worked; with a ".." in it writes are refused.
      Path root = baseDirectory.toAbsolutePath().normalize();
      createDirectories(root);
      properties.setProperty("jclouds.filesystem.basedir", root.toString());
    }
    BlobStore blobStore = BlobStores.create(provider, properties);
    return new S3ProxyServer(blobStore, host, port, accessKey, secretKey);
  }

  private S3Proxy launch(int port) {
    S3Proxy started =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://" + host + ":" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .corsRules(CONSOLE_CORS)
            .build();
    try {
      started.start();
      while (!started.getState().equals("STARTED")) {
        if (started.getState().equals("FAILED")) {
          throw new IllegalStateException("S3Proxy failed to start on port " + port);
        }
        Thread.onSpinWait();
      }
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start", e);
    }
    return started;
  }

  private static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Stops serving, keeping the objects: clients see connections refused until {@link #restart}. */
  public void stop() {
    if (proxy != null) {
      try {
        proxy.stop();
      } catch (Exception e) {
        throw new IllegalStateException("S3Proxy did not stop", e);
      } finally {
        proxy = null;
      }
    }
  }

  /** Serves the same objects again on the same port. */
  public void restart() {
    if (proxy == null) {
      proxy = launch(endpoint.getPort());
    }
  }

  @Override
  public void close() {
    stop();
  }
}
