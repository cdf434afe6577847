package dev.poststack.provisioner.rules;

import dev.poststack.schemas.RejectionCode;
import java.util.List;

/**
 * What {@link Provisioning#apply} decided for one event: the rows to write, or why it was refused.
 * A rejection is a normal outcome that is audited and committed, never an exception.
 */
public sealed interface Decision permits Decision.Applied, Decision.Rejected {

  record Applied(List<Change> changes) implements Decision {
    public Applied {
      changes = List.copyOf(changes);
    }
  }

  record Rejected(RejectionCode code, String message) implements Decision {}

  static Decision applied(Change... changes) {
    return new Applied(List.of(changes));
  }

  static Decision applied(List<Change> changes) {
    return new Applied(changes);
  }

  static Decision rejected(RejectionCode code, String message) {
    return new Rejected(code, message);
  }
}
