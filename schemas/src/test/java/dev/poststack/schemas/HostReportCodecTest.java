package dev.poststack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.PartitionPosition;
import dev.poststack.schemas.host.RefusedEntry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidatorBuilder;
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
            .setAddress("127.0.1.2")
            .setStartedAt(Instant.parse("2026-03-28T11:00:00Z"))
            .setLastError("postfix reload failed: exit 1")
            .setLastErrorAt(Instant.parse("2026-03-28T11:59:00Z"))
            .setRefusedEntries(List.of(new RefusedEntry("mailbox:a@example.com", "bad line")))
            .build();
    assertThat(HostReportCodec.decode(HostReportCodec.encode(report))).isEqualTo(report);
  }

  @Test
  void readsAReportAVersionOneHostWroteWithTheNewFieldsAtTheirDefaults() throws IOException {
    byte[] v1 = released("v1.sample.bin");

    HostApplyReport report = HostReportCodec.decode(v1);

    assertThat(report.getHostId()).isEqualTo("mh-1");
    assertThat(report.getPositions())
        .containsExactly(new PartitionPosition(0, 12L), new PartitionPosition(1, 7L));
    assertThat(report.getContentHash()).isEqualTo("ab".repeat(32));
    assertThat(report.getEntryCount()).isEqualTo(19);
    assertThat(report.getAddress()).isEmpty();
    assertThat(report.getStartedAt()).isNull();
    assertThat(report.getLastError()).isNull();
    assertThat(report.getLastErrorAt()).isNull();
    assertThat(report.getRefusedEntries()).isEmpty();
  }

  @Test
  void theCurrentSchemaIsReleasedAndReadsEveryReleasedOne() throws SchemaValidationException {
    List<Schema> versions = ReleasedSchemas.versionsOf(HostReportCodec.RECORD);
    long current = SchemaNormalization.parsingFingerprint64(HostApplyReport.getClassSchema());
    assertThat(versions)
        .as("HostApplyReport changed without a release: add released/HostApplyReport/v<N>.avsc")
        .anyMatch(s -> SchemaNormalization.parsingFingerprint64(s) == current);
    new SchemaValidatorBuilder()
        .canReadStrategy()
        .validateAll()
        .validate(HostApplyReport.getClassSchema(), versions);
  }

  @Test
  void everyReleasedSampleDecodes() throws IOException {
    int versions = ReleasedSchemas.versionsOf(HostReportCodec.RECORD).size();
    assertThat(versions).isGreaterThanOrEqualTo(2);
    for (int v = 1; v <= versions; v++) {
      assertThat(HostReportCodec.decode(released("v" + v + ".sample.bin")).getHostId())
          .as("v%d", v)
          .startsWith("mh-");
    }
    assertThat(HostReportCodec.decode(released("v2.sample.bin")).getRefusedEntries())
        .containsExactly(new RefusedEntry("mailbox:a@example.com", "line does not decode"));
  }

  @Test
  void refusesAnEventWhereAReportBelongs() {
    byte[] event = new EventCodec().encode(SampleEvents.of(EventType.MAILBOX_DELETED));
    assertThatThrownBy(() -> HostReportCodec.decode(event))
        .isInstanceOf(UndecodableEventException.class);
  }

  private static byte[] released(String file) throws IOException {
    String path = ReleasedSchemas.ROOT + HostReportCodec.RECORD + "/" + file;
    try (InputStream in = HostReportCodecTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return in.readAllBytes();
    }
  }
}
