package dev.poststack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.schemas.event.Envelope;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RequestOriginTest {

  @Test
  void keepsAnIpLiteralInNormalisedText() {
    assertThat(RequestOrigin.normalisedIp("127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(RequestOrigin.normalisedIp("010.0.0.001")).isEqualTo("10.0.0.1");
    assertThat(RequestOrigin.normalisedIp("2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
    assertThat(RequestOrigin.normalisedIp("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(RequestOrigin.normalisedIp("2001:db8:0:1:1:1:1:1"))
        .isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(RequestOrigin.normalisedIp("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(RequestOrigin.normalisedIp("::")).isEqualTo("::");
    // of two equal runs of zeros, the first is shortened
    assertThat(RequestOrigin.normalisedIp("fe80:0:0:0:1:0:0:0")).isEqualTo("fe80::1:0:0:0");
    assertThat(RequestOrigin.normalisedIp("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
  }

  @Test
  void anythingButAnIpLiteralIsNoAddressAndIsNeverLookedUp() {
    // a host name would be resolved by InetAddress.getByName; here it is simply no address
    for (String bad :
        new String[] {
          "localhost",
          "example.com",
          "256.1.1.1",
          "1.2.3",
          "1.2.3.4.5",
          "1.2.3.4:80",
          "[::1]",
          "fe80::1%eth0",
          "::g",
          "",
          " 1.2.3.4"
        }) {
      assertThat(RequestOrigin.normalisedIp(bad)).as(bad).isNull();
    }
    assertThat(RequestOrigin.normalisedIp(null)).isNull();
  }

  @Test
  void keepsOnlyPrintableAsciiOfTheUserAgentCutTo256() {
    assertThat(RequestOrigin.userAgent("poststack-sdk/1.2")).isEqualTo("poststack-sdk/1.2");
    assertThat(RequestOrigin.userAgent("evil\r\nX-Injected: 1\u0000\u001b[31m\u007f"))
        .isEqualTo("evilX-Injected: 1[31m");
    assertThat(RequestOrigin.userAgent("caf\u00e9 \u2603 agent")).isEqualTo("caf  agent");
    assertThat(RequestOrigin.userAgent("a".repeat(300))).hasSize(256);
    assertThat(RequestOrigin.userAgent("\u0001" + "b".repeat(300))).isEqualTo("b".repeat(256));
  }

  @Test
  void aUserAgentWithNothingPrintableLeftIsNone() {
    assertThat(RequestOrigin.userAgent(null)).isNull();
    assertThat(RequestOrigin.userAgent("")).isNull();
    assertThat(RequestOrigin.userAgent("\u0000\u0007\n\u00e9")).isNull();
    assertThat(RequestOrigin.userAgent("   ")).isNull();
  }

  @Test
  void refusesToHoldValuesTheRuleWouldNotKeep() {
    assertThatThrownBy(() -> new RequestOrigin("localhost", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestOrigin("0:0:0:0:0:0:0:1", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestOrigin(null, "bad\nagent"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RequestOrigin.of("0:0:0:0:0:0:0:1", "ok\tua"))
        .isEqualTo(new RequestOrigin("::1", "okua"));
  }

  @Test
  void theEnvelopeCarriesTheOriginOfTheRequestAndNoneForTheSystem() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-03-28T12:00:00Z"), ZoneOffset.UTC);
    RequestOrigin origin =
        RequestOrigin.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), "poststack-sdk/1.2");
    Envelope envelope = Envelopes.byApiKey(7, "12", RequestId.server("req_1").from(origin), clock);
    assertThat(envelope.getSourceIp()).isEqualTo("127.0.0.1");
    assertThat(envelope.getUserAgent()).isEqualTo("poststack-sdk/1.2");

    Envelope system =
        Envelopes.of(7, dev.poststack.schemas.event.ActorKind.system, "clock", "req_2", clock);
    assertThat(system.getSourceIp()).isNull();
    assertThat(system.getUserAgent()).isNull();
  }
}
