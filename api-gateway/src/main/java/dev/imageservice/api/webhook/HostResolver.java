package dev.imageservice.api.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a receiver's host name. The system resolver in production; a test supplies its own to
 * make a name resolve (or re-resolve) wherever the test needs. Implementations are thread-safe.
 */
@FunctionalInterface
public interface HostResolver {

  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JVM's resolver (its DNS cache included). */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
