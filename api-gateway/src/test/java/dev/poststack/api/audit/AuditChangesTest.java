package dev.poststack.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChangesTest {

  @Test
  void keepsTheFieldsInTheirOrderWithFromAndTo() {
    var changes =
        AuditChanges.parse(
            "{\"status\":{\"from\":\"active\",\"to\":\"suspended\"},"
                + "\"displayName\":{\"from\":\"A\",\"to\":null}}");
    assertThat(List.copyOf(changes.keySet())).containsExactly("status", "displayName");
    assertThat(changes.get("status")).isEqualTo(Map.of("from", "active", "to", "suspended"));
  }

  @Test
  void anEmptyColumnIsNoChange() {
    assertThat(AuditChanges.parse("{}")).isEmpty();
    assertThat(AuditChanges.parse(null)).isEmpty();
  }
}
