package dev.poststack.controlplane.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostRowTest {
  @Test
  void readsPositionsAndRefusedEntriesAsTheQueryJoinsThem() {
    assertThat(HostRow.positions("0:12,3:7"))
        .containsExactly(java.util.Map.entry(0, 12L), java.util.Map.entry(3, 7L));
    assertThat(HostRow.positions("")).isEmpty();
    assertThat(HostRow.refused("mailbox:a@x.test\u001ebad line\u001falias:b@x.test\u001e"))
        .containsExactly(
            new HostRow.Refused("mailbox:a@x.test", "bad line"),
            new HostRow.Refused("alias:b@x.test", ""));
  }
}
