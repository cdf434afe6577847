package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.LIMIT_REACHED;

import dev.poststack.controlplane.limit.TeamLimit;
import java.util.Optional;

/**
 * A create against one of the team's limits. The limit comes in the event, as the API saw it when
 * it published (an operator's override or the default); null means none (operator events, events
 * from before limits), so a replay decides exactly as the first apply did.
 */
final class Limits {
  private Limits() {}

  /** The refusal when the team already holds {@code max} or more; empty otherwise. */
  static Optional<Decision> refusal(TeamLimit limit, Long max, long held) {
    if (max != null && held >= max) {
      return Optional.of(Decision.rejected(LIMIT_REACHED, limit.refusal(max)));
    }
    return Optional.empty();
  }

  /** The usage read a create needs only when it carries a limit: no lock otherwise. */
  static boolean any(Long... limits) {
    for (Long limit : limits) {
      if (limit != null) {
        return true;
      }
    }
    return false;
  }
}
