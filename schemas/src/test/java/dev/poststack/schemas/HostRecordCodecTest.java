package dev.poststack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.schemas.host.HostResyncRequest;
import dev.poststack.schemas.host.MailDelivered;
import dev.poststack.schemas.host.MailboxActivity;
import dev.poststack.schemas.host.PartitionPosition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostRecordCodecTest {

  @Test
  void roundTripsAnActivityReport() {
    MailboxActivity activity =
        MailboxActivity.newBuilder()
            .setHostId("mx1")
            .setAddress("anna@example.test")
            .setMailboxId(7L)
            .setLastLoginAt(Instant.parse("2026-03-28T12:00:00Z"))
            .setLastLoginService("imap")
            .setUsedBytes(3568L)
            .setMessageCount(2L)
            .setUsageObservedAt(Instant.parse("2026-03-28T12:00:01Z"))
            .setReportedAt(Instant.parse("2026-03-28T12:00:02Z"))
            .build();
    assertThat(HostRecordCodec.decodeActivity(HostRecordCodec.encode(activity)))
        .isEqualTo(activity);
  }

  @Test
  void roundTripsADeliveryWithOnlyTheRequiredFields() {
    MailDelivered delivery =
        MailDelivered.newBuilder()
            .setDeliveryId("mx1:anna@example.test:INBOX:1")
            .setHostId("mx1")
            .setAddress("anna@example.test")
            .setFolder("INBOX")
            .setUid(1L)
            .setDeliveredAt(Instant.parse("2026-03-28T12:00:00Z"))
            .setSizeBytes(573L)
            .build();
    MailDelivered read = HostRecordCodec.decodeDelivery(HostRecordCodec.encode(delivery));
    assertThat(read).isEqualTo(delivery);
    assertThat(read.getToAddresses()).isEqualTo(List.of());
    assertThat(read.getBodiesTruncated()).isFalse();
  }

  @Test
  void roundTripsAResyncRequest() {
    HostResyncRequest request =
        HostResyncRequest.newBuilder()
            .setHostId("mh-2")
            .setRequestedAt(Instant.parse("2026-12-03T08:00:00Z"))
            .setPositions(List.of(new PartitionPosition(0, 12L), new PartitionPosition(1, 7L)))
            .setReportedHash("a".repeat(64))
            .setExpectedHash("b".repeat(64))
            .build();
    assertThat(HostRecordCodec.decodeResyncRequest(HostRecordCodec.encode(request)))
        .isEqualTo(request);
    assertThatThrownBy(() -> HostRecordCodec.decodeDelivery(HostRecordCodec.encode(request)))
        .isInstanceOf(UndecodableEventException.class);
  }

  @Test
  void refusesOneKindWhereTheOtherBelongs() {
    byte[] report =
        HostRecordCodec.encode(
            MailboxActivity.newBuilder()
                .setHostId("mx1")
                .setAddress("a@b.test")
                .setReportedAt(Instant.EPOCH)
                .build());
    assertThatThrownBy(() -> HostRecordCodec.decodeDelivery(report))
        .isInstanceOf(UndecodableEventException.class);
  }
}
