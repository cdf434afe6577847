package dev.poststack.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.api.http.IpLiteral;
import dev.poststack.api.http.TrustedProxies;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private static final TrustedProxies NONE = TrustedProxies.of(List.of());
  private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "::1"));

  private static InetSocketAddress peer(String literal) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(literal), 40000);
  }

  @Test
  void isTheSocketPeerWhenNoProxyIsTrusted() throws Exception {
    assertThat(ClientAddress.resolve(peer("198.51.100.7"), List.of("203.0.113.9"), NONE).key())
        .isEqualTo("198.51.100.7");
  }

  @Test
  void ignoresXForwardedForFromAPeerThatIsNotATrustedProxy() throws Exception {
    assertThat(ClientAddress.resolve(peer("198.51.100.7"), List.of("203.0.113.9"), PROXIES).key())
        .isEqualTo("198.51.100.7");
  }

  @Test
  void takesTheNearestUntrustedHopWhenThePeerIsATrustedProxy() throws Exception {
    // the client wrote the leftmost entry itself; only the hops our proxies added count
    assertThat(
            ClientAddress.resolve(
                    peer("10.0.0.2"), List.of("1.2.3.4, 203.0.113.9", "10.0.0.1"), PROXIES)
                .key())
        .isEqualTo("203.0.113.9");
  }

  @Test
  void staysWithTheLastTrustedHopWhenAnEntryIsNotAnAddress() throws Exception {
    assertThat(
            ClientAddress.resolve(peer("10.0.0.2"), List.of("evil.example, 10.0.0.1"), PROXIES)
                .key())
        .isEqualTo("10.0.0.1");
    assertThat(ClientAddress.resolve(peer("10.0.0.2"), List.of("999.1.1.1"), PROXIES).key())
        .isEqualTo("10.0.0.2");
  }

  @Test
  void readsAddressesWithPortsAndBrackets() throws Exception {
    assertThat(ClientAddress.resolve(peer("10.0.0.2"), List.of("203.0.113.9:5555"), PROXIES).key())
        .isEqualTo("203.0.113.9");
    assertThat(
            ClientAddress.resolve(peer("::1"), List.of("[2001:db8:1:2:3:4:5:6]:443"), PROXIES)
                .key())
        .isEqualTo("2001:db8:1:2:0:0:0:0/64");
  }

  @Test
  void countsAnIpv6ClientByItsSlash64() throws Exception {
    String a = ClientAddress.resolve(peer("2001:db8:1:2::1"), null, NONE).key();
    String b = ClientAddress.resolve(peer("2001:db8:1:2:ffff::9"), null, NONE).key();
    String other = ClientAddress.resolve(peer("2001:db8:1:3::1"), null, NONE).key();

    assertThat(a).isEqualTo(b).isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(other).isNotEqualTo(a);
  }

  @Test
  void neverLooksANameUp() {
    assertThat(IpLiteral.parse("localhost")).isEmpty();
    assertThat(IpLiteral.parse("example.com")).isEmpty();
    assertThat(IpLiteral.parse(".:")).isEmpty();
    assertThat(IpLiteral.parse("1::2::3")).isEmpty();
    assertThat(IpLiteral.parse("fe80::1%eth0")).isEmpty();
  }

  @Test
  void refusesAMisspelledTrustedProxyAtStart() {
    assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poststack.trusted-proxies");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesCidrRanges() throws Exception {
    TrustedProxies ranges = TrustedProxies.of(List.of("192.0.2.0/24", "fd00::/8"));
    assertThat(ranges.contains(InetAddress.getByName("192.0.2.200"))).isTrue();
    assertThat(ranges.contains(InetAddress.getByName("192.0.3.1"))).isFalse();
    assertThat(ranges.contains(InetAddress.getByName("fd12::1"))).isTrue();
    assertThat(ranges.contains(InetAddress.getByName("fe80::1"))).isFalse();
  }
}
