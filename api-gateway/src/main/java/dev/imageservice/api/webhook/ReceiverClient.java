package dev.imageservice.api.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one webhook request over a connection opened to the receiver's pinned address (never
 * resolved again), with TLS verifying the certificate for the URL's host and sending it as SNI, so
 * DNS rebinding cannot move a request after the policy checked it. HTTP/1.1, {@code Connection:
 * close}, no redirects (a 3xx is just a failed attempt), a connect timeout, one deadline for the
 * whole answer, and no more than {@code maxResponseBytes} read (the status line and headers; the
 * body is never read). Thread-safe: every call has its own socket.
 */
final class ReceiverClient {

  /** What came back: the status, or why there is none. */
  record Response(int status, String error) {

    boolean successful() {
      return status >= 200 && status < 300;
    }
  }

  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final SSLSocketFactory tls;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxResponseBytes;

  ReceiverClient(
      SSLSocketFactory tls, Duration connectTimeout, Duration readTimeout, int maxResponseBytes) {
    this.tls = tls;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.maxResponseBytes = maxResponseBytes;
  }

  Response post(Receiver receiver, Map<String, String> headers, byte[] body) {
    try (Socket plain = new Socket()) {
      plain.connect(
          new InetSocketAddress(receiver.address(), receiver.port()),
          Math.toIntExact(connectTimeout.toMillis()));
      long deadline = System.nanoTime() + readTimeout.toNanos();
      plain.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
      Socket socket = receiver.tls() ? handshake(plain, receiver) : plain;
      OutputStream out = socket.getOutputStream();
      out.write(requestHead(receiver, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return new Response(readStatus(socket, deadline), "");
    } catch (SocketTimeoutException e) {
      return new Response(0, "timed out");
    } catch (IOException | RuntimeException e) {
      return new Response(0, "connection failed: " + e.getClass().getSimpleName());
    }
  }

  private Socket handshake(Socket plain, Receiver receiver) throws IOException {
    SSLSocket socket = (SSLSocket) tls.createSocket(plain, receiver.host(), receiver.port(), true);
    SSLParameters parameters = socket.getSSLParameters();
    // Verify the certificate against the URL's host, not the address we connected to.
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    // SNI carries host names only, never an address literal (RFC 6066).
    if (!receiver.host().startsWith("[") && !IPV4_LITERAL.matcher(receiver.host()).matches()) {
      parameters.setServerNames(List.of(new SNIHostName(receiver.host())));
    }
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private static String requestHead(Receiver receiver, Map<String, String> headers, int length) {
    StringBuilder head = new StringBuilder();
    head.append("POST ").append(receiver.target()).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(receiver.hostHeader()).append("\r\n");
    head.append("Content-Type: application/json\r\n");
    head.append("Content-Length: ").append(length).append("\r\n");
    head.append("User-Agent: image-service-webhooks/1\r\n");
    head.append("Connection: close\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.append("\r\n").toString();
  }

  // Reads up to the end of the headers, within the byte cap and the deadline; returns the status.
  private int readStatus(Socket socket, long deadline) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[Math.min(maxResponseBytes, 8192)];
    StringBuilder seen = new StringBuilder();
    int total = 0;
    while (total < maxResponseBytes && seen.indexOf("\r\n\r\n") < 0) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new SocketTimeoutException("deadline");
      }
      socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
      int n = in.read(buffer, 0, Math.min(buffer.length, maxResponseBytes - total));
      if (n < 0) {
        break;
      }
      total += n;
      seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    }
    return parseStatus(seen);
  }

  private static int parseStatus(CharSequence response) throws IOException {
    String text = response.toString();
    int end = text.indexOf("\r\n");
    String[] parts = (end < 0 ? text : text.substring(0, end)).split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x answer");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("no status code");
    }
  }
}
