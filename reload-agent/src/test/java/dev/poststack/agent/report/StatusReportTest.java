package dev.poststack.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.RefusedEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusReportTest {

  @Test
  void theReportCarriesTheHostsAddressStartAndProblems() {
    Instant started = Instant.parse("2026-12-02T09:00:00Z");
    Instant failed = Instant.parse("2026-12-02T09:30:00Z");
    AppliedStatus status =
        new AppliedStatus(
            "mh-2",
            Map.of(1, 9L, 0, 4L),
            "00".repeat(32),
            7,
            Instant.parse("2026-12-02T10:00:00Z"),
            new AppliedStatus.Problems(
                Optional.of(new AppliedStatus.LastError("apply: disk full", failed)),
                List.of(new AppliedStatus.Refused("alias:a@x.test", "line does not decode"))));

    HostApplyReport report = StatusReporter.report(status, "127.0.1.2", started);

    assertThat(report.getAddress()).isEqualTo("127.0.1.2");
    assertThat(report.getStartedAt()).isEqualTo(started);
    assertThat(report.getLastError()).isEqualTo("apply: disk full");
    assertThat(report.getLastErrorAt()).isEqualTo(failed);
    assertThat(report.getRefusedEntries())
        .containsExactly(new RefusedEntry("alias:a@x.test", "line does not decode"));
    assertThat(report.getPositions()).extracting(p -> p.getPartition()).containsExactly(0, 1);
  }

  @Test
  void aHostWithoutProblemsReportsNone() {
    HostApplyReport report =
        StatusReporter.report(
            new AppliedStatus("mh-1", Map.of(), "00".repeat(32), 0, Instant.EPOCH), "", null);
    assertThat(report.getLastError()).isNull();
    assertThat(report.getRefusedEntries()).isEmpty();
  }
}
