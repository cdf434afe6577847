package dev.poststack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecTest {
  private final EventCodec codec = new EventCodec();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void roundTripsEveryEventTypeWithItsFingerprint(EventType type) {
    SpecificRecord event = SampleEvents.of(type);
    byte[] bytes = codec.encode(event);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(codec.decode(bytes)).isEqualTo(event);
    assertThat(Events.domainId(event)).isEqualTo(1L);
    assertThat(Events.envelope(event).getRequestId()).isEqualTo("req_sample");
    assertThat(Events.envelope(codec.decode(bytes)).getClientRequestId())
        .isEqualTo("client-sample-1");
  }

  @Test
  void refusesBytesThatAreNotSingleObjectEncoded() {
    assertThatThrownBy(() -> codec.decode("hello world".getBytes()))
        .isInstanceOf(UndecodableEventException.class)
        .hasMessageContaining("single-object");
    assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(UndecodableEventException.class);
  }

  @Test
  void refusesAnUnknownFingerprint() {
    byte[] bytes = codec.encode(SampleEvents.of(EventType.MAILBOX_CREATED));
    bytes[5] ^= 0x5A;
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(UndecodableEventException.class)
        .hasMessageContaining("unknown schema fingerprint");
  }

  @Test
  void refusesATruncatedBody() {
    byte[] bytes = codec.encode(SampleEvents.of(EventType.MAILBOX_CREATED));
    byte[] truncated = Arrays.copyOf(bytes, 14);
    assertThatThrownBy(() -> codec.decode(truncated))
        .isInstanceOf(UndecodableEventException.class)
        .hasMessageContaining("corrupt MailboxCreated");
  }
}
