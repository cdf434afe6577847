package dev.poststack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.Envelope;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RequestIdTest {

  @Test
  void keepsAClientIdOfPrintableAsciiUpTo128Characters() {
    assertThat(RequestId.isClientId("client-req 42/ok:{x}")).isTrue();
    assertThat(RequestId.isClientId("x".repeat(128))).isTrue();
    assertThat(RequestId.of("req_1", "abc").clientId()).isEqualTo("abc");
  }

  @Test
  void dropsAnEmptyOverLongControlOrNonAsciiClientId() {
    for (String bad :
        new String[] {"", "x".repeat(129), "tab\there", "nul\u0000", "del\u007f", "caf\u00e9"}) {
      assertThat(RequestId.isClientId(bad)).as(bad).isFalse();
      assertThat(RequestId.of("req_1", bad).clientId()).as(bad).isNull();
    }
    assertThat(RequestId.of("req_1", null).client()).isEmpty();
    assertThatThrownBy(() -> new RequestId("req_1", "bad\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestId.server("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEnvelopeCarriesTheServersIdAndTheClientsOneApart() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-28T12:00:00.123456Z"), ZoneOffset.UTC);
    Envelope envelope = Envelopes.byApiKey(7, "12", RequestId.of("req_server", "mine-1"), clock);
    assertThat(envelope.getRequestId()).isEqualTo("req_server");
    assertThat(envelope.getClientRequestId()).isEqualTo("mine-1");
    assertThat(envelope.getOccurredAt()).isEqualTo(Instant.parse("2026-03-28T12:00:00.123Z"));
    assertThat(Envelopes.of(7, ActorKind.operator, "op", "req_op", clock).getClientRequestId())
        .isNull();
  }
}
