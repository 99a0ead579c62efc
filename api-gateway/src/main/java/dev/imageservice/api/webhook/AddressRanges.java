package dev.imageservice.api.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses a webhook may never reach: everything that is not a public unicast address. Pure
 * and thread-safe.
 */
final class AddressRanges {

  private AddressRanges() {}

  /** Why the address is refused, or empty when it is a public unicast address. */
  static Optional<String> refusal(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return Optional.of("a loopback address");
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("an unspecified address");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("a multicast address");
    }
    if (address.isLinkLocalAddress()) {
      // 169.254.0.0/16 holds the cloud metadata service (169.254.169.254).
      return Optional.of("a link-local or metadata address");
    }
    return switch (address) {
      case Inet4Address v4 -> refusal(v4.getAddress());
      case Inet6Address v6 -> refusal6(v6.getAddress());
      default -> Optional.of("an unknown kind of address");
    };
  }

  private static Optional<String> refusal(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    int b2 = a[2] & 0xff;
    boolean privateRange =
        b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168);
    if (privateRange) {
      return Optional.of("a private address");
    }
    if (b0 == 100 && b1 >= 64 && b1 <= 127) {
      return Optional.of("a shared (carrier-grade NAT) address");
    }
    boolean reserved =
        b0 == 0
            || b0 >= 240
            || (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2))
            || (b0 == 198 && (b1 == 18 || b1 == 19))
            || (b0 == 198 && b1 == 51 && b2 == 100)
            || (b0 == 203 && b1 == 0 && b2 == 113);
    return reserved ? Optional.of("a reserved address") : Optional.empty();
  }

  private static Optional<String> refusal6(byte[] a) {
    int b0 = a[0] & 0xff;
    if ((b0 & 0xfe) == 0xfc) {
      // fc00::/7, unique local; the EC2 metadata service's IPv6 address fd00:ec2::254 is in it.
      return Optional.of("a private or metadata address");
    }
    if (b0 == 0xfe && (a[1] & 0xc0) == 0xc0) {
      return Optional.of("a site-local address");
    }
    if (embedsIpv4(a)) {
      // ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d and 2002:: reach IPv4 through a translator.
      return Optional.of("an IPv4-mapped or translated address");
    }
    if (b0 == 0x20 && a[1] == 0x01 && a[2] == 0x0d && (a[3] & 0xff) == 0xb8) {
      return Optional.of("a reserved address");
    }
    return Optional.empty();
  }

  private static boolean embedsIpv4(byte[] a) {
    boolean zeroHead = true;
    for (int i = 0; i < 10; i++) {
      zeroHead &= a[i] == 0;
    }
    boolean mappedOrCompatible =
        zeroHead && ((a[10] == 0 && a[11] == 0) || (a[10] == -1 && a[11] == -1));
    boolean nat64 = a[0] == 0 && a[1] == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b;
    boolean sixToFour = a[0] == 0x20 && a[1] == 0x02;
    return mappedOrCompatible || nat64 || sixToFour;
  }
}
