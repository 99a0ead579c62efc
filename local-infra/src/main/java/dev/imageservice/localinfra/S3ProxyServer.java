package dev.imageservice.localinfra;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.jspecify.annotations.Nullable;

/**
 * An S3-compatible server (S3Proxy) that checks AWS V4 signatures, so presigned URLs are really
 * validated. With a base directory objects are kept on disk; without one they live in memory. Not
 * thread-safe: start and close from one thread.
 */
public final class S3ProxyServer implements AutoCloseable {

  private final S3Proxy proxy;
  private final URI endpoint;

  private S3ProxyServer(S3Proxy proxy, URI endpoint) {
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  public static S3ProxyServer start(
      @Nullable Path baseDirectory, String host, int port, String accessKey, String secretKey) {
    Properties properties = new Properties();
    String provider = "transient";
    if (baseDirectory != null) {
      provider = "filesystem-nio2";
      createDirectories(baseDirectory);
      properties.setProperty("jclouds.filesystem.basedir", baseDirectory.toString());
    }
    BlobStore blobStore = BlobStores.create(provider, properties);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://" + host + ":" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    try {
      proxy.start();
      while (!proxy.getState().equals("STARTED")) {
        if (proxy.getState().equals("FAILED")) {
          throw new IllegalStateException("S3Proxy failed to start on port " + port);
        }
        Thread.onSpinWait();
      }
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start", e);
    }
    return new S3ProxyServer(proxy, URI.create("http://" + host + ":" + proxy.getPort()));
  }

  private static void createDirectories(Path directory) {
    try {
      java.nio.file.Files.createDirectories(directory);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + directory, e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    }
  }
}
