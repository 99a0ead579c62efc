package dev.imageservice.api;

import dev.imageservice.api.webhook.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The webhook tests' DNS: names under {@code .hook.test} answer what a test set, one answer per
 * lookup and the last one repeating (so a name can resolve publicly at registration and privately
 * at delivery); every other name goes to the system resolver.
 */
@TestConfiguration(proxyBeanMethods = false)
class ControlledResolver {

  private static final Map<String, Deque<String>> ANSWERS = new ConcurrentHashMap<>();

  /** {@code host} resolves to each address in turn (literal IPs), then keeps the last. */
  static void answer(String host, String... addresses) {
    ANSWERS.put(host, new ArrayDeque<>(List.of(addresses)));
  }

  @Bean
  @Primary
  HostResolver controlledResolver() {
    HostResolver system = HostResolver.system();
    return host -> {
      Deque<String> answers = ANSWERS.get(host);
      if (answers == null) {
        if (host.endsWith(".hook.test")) {
          throw new UnknownHostException(host);
        }
        return system.resolve(host);
      }
      synchronized (answers) {
        String next = answers.size() > 1 ? answers.poll() : answers.peek();
        return List.of(InetAddress.getByName(next));
      }
    };
  }
}
