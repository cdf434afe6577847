package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.rules.Change;
import dev.poststack.provisioner.rules.Decision;
import dev.poststack.schemas.RejectionCode;
import java.util.List;

/** Reads a decision in tests: what it changed, or why it refused. */
public final class Outcomes {
  private Outcomes() {}

  public static List<Change> changes(Decision decision) {
    assertThat(decision).as("expected an applied decision").isInstanceOf(Decision.Applied.class);
    return ((Decision.Applied) decision).changes();
  }

  public static <T extends Change> T onlyChange(Decision decision, Class<T> type) {
    List<Change> changes = changes(decision);
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0)).isInstanceOf(type);
    return type.cast(changes.get(0));
  }

  public static void assertRejected(Decision decision, RejectionCode code) {
    assertThat(decision).as("expected a rejection").isInstanceOf(Decision.Rejected.class);
    assertThat(((Decision.Rejected) decision).code()).isEqualTo(code);
  }
}
