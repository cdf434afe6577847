package dev.poststack.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.schemas.host.HostApplyReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which report of each host an instant sees, removals included. */
class HostReportsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T14:00:00Z");

  private static HostApplyReport report(String host, Instant appliedAt, String hash) {
    return HostApplyReport.newBuilder()
        .setHostId(host)
        .setPositions(List.of())
        .setContentHash(hash)
        .setEntryCount(1)
        .setAppliedAt(appliedAt)
        .build();
  }

  private static Map<String, HostApplyReport> seen(Instant until) {
    Map<String, HostApplyReport> last = new TreeMap<>();
    HostReports.fold(last, "mh-1", report("mh-1", T0, "a".repeat(64)), T0, until);
    HostReports.fold(
        last,
        "mh-1",
        report("mh-1", T0.plusSeconds(60), "b".repeat(64)),
        T0.plusSeconds(60),
        until);
    HostReports.fold(last, "mh-2", report("mh-2", T0, "c".repeat(64)), T0, until);
    // an operator removed mh-2 at 14:05
    HostReports.fold(last, "mh-2", null, T0.plusSeconds(300), until);
    return last;
  }

  @Test
  void anInstantSeesEachHostsLastReportAtOrBeforeIt() {
    assertThat(seen(T0.plusSeconds(30)).get("mh-1").getContentHash()).isEqualTo("a".repeat(64));
    assertThat(seen(null).get("mh-1").getContentHash()).isEqualTo("b".repeat(64));
  }

  @Test
  void aRemovedHostIsStillSeenBeforeItsRemovalAndGoneAfter() {
    assertThat(seen(T0.plusSeconds(120))).containsKeys("mh-1", "mh-2");
    assertThat(seen(T0.plusSeconds(300))).containsOnlyKeys("mh-1");
    assertThat(seen(null)).containsOnlyKeys("mh-1");
  }
}
