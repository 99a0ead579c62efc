package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing is parsed before authentication: an anonymous multipart post anywhere is answered 401
 * after its headers alone (the body still unsent), and no byte of it lands in the spool folder, the
 * container's work folder or the temp directory's spool.
 */
class AnonymousMultipartIT extends ApiIntegrationTest {

  private static final int BODY = 1_500_000; // over the 1 MB in-memory threshold of a part

  @ParameterizedTest
  @ValueSource(strings = {"/", "/v1/images", "/no/such/path", "/admin/dead-letters/redrive"})
  void anAnonymousMultipartPostIs401BeforeItsBodyAndWritesNothing(String path) throws IOException {
    Map<String, Long> before = files();
    String boundary = "b0undary";
    byte[] preamble =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\""
                + "\r\nContent-Type: image/jpeg\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    RawHttp.Response response;
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          RawHttp.head(
                  "POST",
                  path,
                  Map.of(
                      "Content-Type",
                      "multipart/form-data; boundary=" + boundary,
                      "Content-Length",
                      Integer.toString(BODY)),
                  BODY)
              .getBytes(StandardCharsets.ISO_8859_1));
      // Only the start of the body: a server that parsed it first would wait for the rest and
      // this read would time out.
      out.write(preamble);
      out.write(new byte[4096]);
      out.flush();
      response = RawHttp.read(socket.getInputStream());
    }

    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(files()).isEqualTo(before);
  }

  /** Every file (and its size) under the folders an upload could be written to. */
  private static Map<String, Long> files() {
    Map<String, Long> all = new TreeMap<>();
    for (Path root :
        List.of(
            Path.of(SPOOL),
            Path.of(TOMCAT_DIR),
            Path.of(System.getProperty("java.io.tmpdir"), "image-service-spool"))) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile).forEach(f -> all.put(f.toString(), size(f)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1; // gone while walking: a change the comparison will show
    }
  }
}
