package dev.poststack.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {
  private final TargetPolicy strict = new TargetPolicy(false);
  private final TargetPolicy dev = new TargetPolicy(true);

  @Test
  void refusesLoopbackPrivateLinkLocalUniqueLocalCgnatAndMetadataAddresses() throws Exception {
    for (String a :
        new String[] {
          "127.0.0.1",
          "10.1.2.3",
          "172.16.0.1",
          "192.168.1.1",
          "169.254.169.254",
          "100.64.0.1",
          "0.0.0.0",
          "::1",
          "fe80::1",
          "fc00::1",
          "fd00:ec2::254",
          "::ffff:127.0.0.1",
          "224.0.0.1"
        }) {
      assertThat(strict.allows(InetAddress.getByName(a))).as(a).isFalse();
      assertThat(dev.allows(InetAddress.getByName(a))).as(a).isTrue();
    }
    assertThat(strict.allows(InetAddress.getByName("93.184.216.34"))).isTrue();
    assertThat(strict.allows(InetAddress.getByName("2606:4700::1111"))).isTrue();
  }

  @Test
  void acceptsOnlyHttpsUrlsWithoutCredentialsUnlessPrivateTargetsAreAllowed() {
    assertThat(strict.refuseUrl("https://hooks.example.com/in")).isEmpty();
    assertThat(strict.refuseUrl("http://hooks.example.com/in")).contains("must be an https URL");
    assertThat(dev.refuseUrl("http://127.0.0.1:8080/in")).isEmpty();
    assertThat(strict.refuseUrl("https://user:pw@hooks.example.com/")).isPresent();
    assertThat(strict.refuseUrl("https://127.0.0.1/"))
        .contains("must not point to a private address");
    assertThat(strict.refuseUrl("https://[::1]/")).contains("must not point to a private address");
    assertThat(strict.refuseUrl("https://localhost/")).isPresent();
    assertThat(strict.refuseUrl("https://example.com/" + "a".repeat(2100))).isPresent();
    assertThat(strict.refuseUrl("not a url")).isPresent();
    assertThat(strict.refuseUrl("ftp://example.com/")).isPresent();
    assertThat(strict.refuseUrl("https://example.com/#frag")).isPresent();
  }
}
