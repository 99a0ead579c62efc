package dev.imageservice.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The receiver policy as deployed (no local allowance), and as the local launcher has it. */
class ReceiverPolicyTest {

  // Every name is "public" unless it is a literal: the policy must still refuse what it resolves
  // to.
  private static final HostResolver DNS =
      host ->
          List.of(
              InetAddress.getByName(
                  host.equals("hooks.example.com")
                      ? "93.184.216.34"
                      : host.equals("localhost") ? "127.0.0.1" : host));

  private final ReceiverPolicy deployed = new ReceiverPolicy(DNS, false);
  private final ReceiverPolicy local = new ReceiverPolicy(DNS, true);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "https://localhost/hook",
        "https://127.0.0.1/hook",
        "https://127.1.2.3/hook",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[::ffff:7f00:1]/hook",
        "https://[::127.0.0.1]/hook",
        "https://10.255.255.255/hook",
        "https://172.31.0.1/hook",
        "https://192.168.0.1/hook",
        "https://169.254.169.254/hook",
        "https://[fd00:ec2::254]/hook",
        "https://[fe80::1%25lo]/hook",
        "https://239.255.255.250/hook",
        "https://255.255.255.255/hook",
        "https://[2002:a9fe:a9fe::1]/hook",
        "http://hooks.example.com/hook",
        "hooks.example.com/hook",
        "https:///hook",
      })
  void refusesEveryNonPublicOrNonHttpsReceiverOutsideTheLocalProfile(String url) {
    assertThatThrownBy(() -> deployed.check(url)).isInstanceOf(RefusedReceiverException.class);
  }

  @Test
  void pinsAPublicHttpsReceiverToTheAddressItResolvedTo() throws Exception {
    Receiver receiver = deployed.check("https://hooks.example.com/in?x=1");
    assertThat(receiver.address().getHostAddress()).isEqualTo("93.184.216.34");
    assertThat(receiver.tls()).isTrue();
    assertThat(receiver.port()).isEqualTo(443);
    assertThat(receiver.hostHeader()).isEqualTo("hooks.example.com");
    assertThat(receiver.target()).isEqualTo("/in?x=1");
  }

  @Test
  void theLocalProfileAllowsOnlyLiteralLocalhostAndLoopbackOne() throws Exception {
    assertThat(local.check("http://127.0.0.1:9000/hook").address().isLoopbackAddress()).isTrue();
    assertThat(local.check("http://localhost:9000/hook").hostHeader()).isEqualTo("localhost:9000");
    for (String url :
        List.of(
            "http://127.0.0.2/hook",
            "http://[::1]/hook",
            "http://10.0.0.1/hook",
            "https://169.254.169.254/")) {
      assertThatThrownBy(() -> local.check(url)).isInstanceOf(RefusedReceiverException.class);
    }
  }

  @Test
  void aNameResolvingToAnyPrivateAddressIsRefused() {
    ReceiverPolicy policy =
        new ReceiverPolicy(
            host ->
                List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")),
            false);
    assertThatThrownBy(() -> policy.check("https://split.example.com/"))
        .hasMessageContaining("private");
  }
}
