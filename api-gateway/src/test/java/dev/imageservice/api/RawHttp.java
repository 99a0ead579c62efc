package dev.imageservice.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, sending the request target exactly as written: no client normalises
 * {@code ;}, {@code %2e}, {@code //} or a backslash away, as an attacker's would not.
 */
final class RawHttp {

  private RawHttp() {}

  /** A response: its status, headers (lower-case names) and body. */
  record Response(int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  static Response send(int port, String method, String target, Map<String, String> headers) {
    return send(port, method, target, headers, new byte[0]);
  }

  static Response send(
      int port, String method, String target, Map<String, String> headers, byte[] body) {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head(method, target, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target, e);
    }
  }

  static String head(String method, String target, Map<String, String> headers, long length) {
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
    head.append("Host: localhost\r\nConnection: close\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (!headers.containsKey("Content-Length")) {
      head.append("Content-Length: ").append(length).append("\r\n");
    }
    return head.append("\r\n").toString();
  }

  /** Reads a whole response (the server closes the connection after it). */
  static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      all.write(buffer, 0, n);
    }
    String text = all.toString(StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.merge(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim(),
            (a, b) -> a + ", " + b);
      }
    }
    String body = end < 0 ? "" : text.substring(end + 4);
    return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
  }
}
