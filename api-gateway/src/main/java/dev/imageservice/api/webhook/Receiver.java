package dev.imageservice.api.webhook;

import java.net.InetAddress;
import java.net.URI;

/**
 * A receiver checked by {@link ReceiverPolicy}: its URL and the one address its host resolved to,
 * which the connection is pinned to (so a second DNS answer can never redirect it).
 *
 * @param host the host as the URL names it: the {@code Host} header and the TLS server name
 */
record Receiver(URI url, String host, int port, boolean tls, InetAddress address) {

  /** The request target: path and query as the URL spells them. */
  String target() {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }

  String hostHeader() {
    boolean defaultPort = port == (tls ? 443 : 80);
    return defaultPort ? url.getHost() : url.getHost() + ":" + port;
  }
}
