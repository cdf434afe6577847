package dev.poststack.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.launcher.spi.EventHistory.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTableTest {

  private static Event event(String actorKind, String actorId, String name, String changes) {
    return new Event(
        "0b9e6a1e-1111-4a4a-8a8a-000000000001",
        "MailboxUpdated",
        Instant.parse("2026-03-28T15:30:00Z"),
        3,
        actorKind,
        actorId,
        name,
        "req_abc",
        null,
        null,
        null,
        1L,
        5L,
        null,
        "applied",
        null,
        null,
        changes);
  }

  @Test
  void aLongChangeListIsCutToOneShortColumnAndMissingValuesAreDashes() {
    String many =
        "{\"displayName\":{\"from\":\""
            + "x".repeat(80)
            + "\",\"to\":\"y\"},"
            + "\"quotaBytes\":{\"from\":1,\"to\":2}}";
    String row =
        EventTable.table(List.of(event("system", "expiry", null, many))).lines().toList().get(1);
    assertThat(row).contains("system expiry", "req_abc", " - ").endsWith("…");
    assertThat(row.substring(row.indexOf("displayName"))).hasSize(EventTable.CHANGES_WIDTH);
  }

  @Test
  void anApiKeyActorShowsItsNameAndIdAndAKeyWithoutANameItsIdOnly() {
    assertThat(EventTable.actor(event("api_key", "7", "ops", "{}"))).isEqualTo("api_key ops (#7)");
    assertThat(EventTable.actor(event("api_key", "7", null, "{}"))).isEqualTo("api_key #7");
    assertThat(EventTable.changesLine(Map.of())).isEqualTo("-");
  }
}
