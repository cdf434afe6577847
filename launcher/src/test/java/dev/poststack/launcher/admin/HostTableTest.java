package dev.poststack.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.launcher.spi.HostRegistryAccess.Host;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostTableTest {
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  @Test
  void showsStateLagHashAndAShortenedErrorPerHost() {
    String table =
        HostTable.table(
            List.of(
                new Host(
                    "mh-1", "127.0.1.1", "in_sync", NOW.minusSeconds(5), 0, 0, true, null, null, 0),
                new Host(
                    "mh-2",
                    "",
                    "stale",
                    NOW.minusSeconds(600),
                    42,
                    300,
                    null,
                    null,
                    "apply: " + "x".repeat(200),
                    3)),
            NOW);
    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1))
        .startsWith("mh-1")
        .contains("127.0.1.1", "in_sync", "2026-12-02T11:59:55Z (5s ago)", "yes");
    assertThat(lines.get(2))
        .contains("stale", "10m ago", "42 / 300s", "unknown", "apply: xxx", "…")
        .doesNotContain("x".repeat(HostTable.ERROR_WIDTH));
    // columns line up
    assertThat(lines.get(1).indexOf("in_sync")).isEqualTo(lines.get(0).indexOf("STATE"));
  }

  @Test
  void aWrongHashSaysWhenTheHostWasAskedToRebuild() {
    String table =
        HostTable.table(
            List.of(
                new Host("mh-3", "127.0.1.3", "in_sync", NOW, 0, 0, false, null, null, 0),
                new Host(
                    "mh-4",
                    "127.0.1.4",
                    "in_sync",
                    NOW,
                    0,
                    0,
                    false,
                    NOW.minusSeconds(180),
                    null,
                    0)),
            NOW);
    List<String> lines = table.lines().toList();
    assertThat(lines.get(1)).contains(" NO ").doesNotContain("resync");
    assertThat(lines.get(2)).contains("NO (resync asked 3m ago)");
  }
}
