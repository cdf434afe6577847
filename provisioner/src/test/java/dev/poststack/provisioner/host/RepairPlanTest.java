package dev.poststack.provisioner.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.HostDomain;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostMailbox;
import dev.poststack.renderer.host.HostState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepairPlanTest {
  private static final String HASH = "{SHA512-CRYPT}$6$salt$c2VjcmV0aGFzaA";
  private final List<HostEntry> rendered =
      HostEntries.render(
          new HostState(
              List.of(HostDomain.of(1, "example.com", true)),
              List.of(
                  HostMailbox.of(2, "example.com", "anna", HASH, "active", 1L << 30),
                  HostMailbox.of(3, "example.com", "bob", HASH, "suspended", 1L << 30)),
              List.of()));

  @Test
  void enqueuesNothingWhenEveryRenderedLineIsTheOneLastEnqueued() {
    assertThat(RepairPlan.of(rendered, asLastEnqueued(rendered), false)).isEmpty();
  }

  @Test
  void enqueuesAnEntryWhoseLineDiffersOrWasNeverEnqueuedOrWasLastRemoved() {
    Map<String, String> last = asLastEnqueued(rendered);
    last.put("mailbox:anna@example.com", LineDigest.sha256Hex("an older line"));
    last.remove("mailbox:bob@example.com");
    last.put("domain:example.com", null);
    assertThat(HostEntryChangesTest.describe(RepairPlan.of(rendered, last, false)))
        .containsExactly(
            line("domain:example.com"),
            line("mailbox:anna@example.com"),
            line("mailbox:bob@example.com"));
  }

  @Test
  void removesAKeyLastPublishedWithALineThatTheRenderNoLongerHas() {
    Map<String, String> last = asLastEnqueued(rendered);
    last.put("mailbox:gone@example.com", LineDigest.sha256Hex("mailbox gone@example.com …"));
    last.put("alias:already-removed@example.com", null);
    assertThat(HostEntryChangesTest.describe(RepairPlan.of(rendered, last, false)))
        .containsExactly("tombstone mailbox:gone@example.com");
  }

  @Test
  void withAllEnqueuesEveryRenderedEntryToRebuildALostTopic() {
    List<EntryChange> plan = RepairPlan.of(rendered, asLastEnqueued(rendered), true);
    assertThat(plan).hasSize(3).allMatch(c -> c instanceof EntryChange.Put);
    assertThat(RepairPlan.of(rendered, Map.of(), false)).hasSize(3);
  }

  private String line(String key) {
    return rendered.stream()
        .filter(e -> e.key().value().equals(key))
        .findFirst()
        .orElseThrow()
        .line();
  }

  private static Map<String, String> asLastEnqueued(List<HostEntry> entries) {
    Map<String, String> last = new HashMap<>();
    entries.forEach(e -> last.put(e.key().value(), LineDigest.sha256Hex(e.line())));
    return last;
  }
}
