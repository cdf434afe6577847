package dev.poststack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.PartitionPosition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostReportCodecTest {

  @Test
  void roundTripsAReport() {
    HostApplyReport report =
        HostApplyReport.newBuilder()
            .setHostId("mx1")
            .setPositions(List.of(new PartitionPosition(0, 12L), new PartitionPosition(2, 7L)))
            .setContentHash("ab".repeat(32))
            .setEntryCount(19)
            .setAppliedAt(Instant.parse("2026-03-28T12:00:00.123Z"))
            .build();
    assertThat(HostReportCodec.decode(HostReportCodec.encode(report))).isEqualTo(report);
  }

  @Test
  void refusesAnEventWhereAReportBelongs() {
    byte[] event = new EventCodec().encode(SampleEvents.of(EventType.MAILBOX_DELETED));
    assertThatThrownBy(() -> HostReportCodec.decode(event))
        .isInstanceOf(UndecodableEventException.class);
  }
}
