package dev.imageservice.api.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides where a webhook may go, at registration and again before every attempt (a name may
 * resolve elsewhere by then). Only {@code https} to public unicast addresses; the host is resolved
 * once and every address it resolves to must be public, and the first one is the address the
 * attempt connects to. With {@code allowLocalReceivers} (the local launcher only) {@code
 * http(s)://127.0.0.1} and {@code http(s)://localhost} are allowed as well, and nothing else
 * private. Thread-safe.
 */
final class ReceiverPolicy {

  static final int MAX_URL_LENGTH = 2048;

  private final HostResolver resolver;
  private final boolean allowLocalReceivers;

  ReceiverPolicy(HostResolver resolver, boolean allowLocalReceivers) {
    this.resolver = resolver;
    this.allowLocalReceivers = allowLocalReceivers;
  }

  /** Checks the URL and resolves its host; the receiver pinned to the address to connect to. */
  Receiver check(String url) throws RefusedReceiverException {
    URI uri = parse(url);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean local = allowLocalReceivers && (host.equals("127.0.0.1") || host.equals("localhost"));
    if (!scheme.equals("https") && !(local && scheme.equals("http"))) {
      throw new RefusedReceiverException("The webhook URL must use https");
    }
    boolean tls = scheme.equals("https");
    int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
    List<InetAddress> addresses = resolve(host);
    if (local) {
      InetAddress loopback =
          addresses.stream()
              .filter(InetAddress::isLoopbackAddress)
              .findFirst()
              .orElseThrow(
                  () -> new RefusedReceiverException("localhost does not resolve to loopback"));
      return new Receiver(uri, host, port, tls, loopback);
    }
    for (InetAddress address : addresses) {
      Optional<String> refusal = AddressRanges.refusal(address);
      if (refusal.isPresent()) {
        throw new RefusedReceiverException("The webhook host resolves to " + refusal.get());
      }
      if (host.startsWith("[") && address instanceof Inet4Address) {
        // The JDK turns ::ffff:a.b.c.d into an IPv4 address: an IPv6 literal must stay IPv6.
        throw new RefusedReceiverException("The webhook host is an IPv4-mapped IPv6 address");
      }
    }
    return new Receiver(uri, host, port, tls, addresses.getFirst());
  }

  private static URI parse(String url) throws RefusedReceiverException {
    if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
      throw new RefusedReceiverException(
          "The webhook URL must be an absolute URL of at most " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new RefusedReceiverException("The webhook URL is not a valid URL");
    }
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getScheme() == null) {
      throw new RefusedReceiverException("The webhook URL must be an absolute URL with a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw new RefusedReceiverException("The webhook URL may not carry user info or a fragment");
    }
    return uri;
  }

  private List<InetAddress> resolve(String host) throws RefusedReceiverException {
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    try {
      List<InetAddress> addresses = resolver.resolve(name);
      if (addresses.isEmpty()) {
        throw new RefusedReceiverException("The webhook host does not resolve");
      }
      return addresses;
    } catch (UnknownHostException e) {
      throw new RefusedReceiverException("The webhook host does not resolve");
    }
  }
}
