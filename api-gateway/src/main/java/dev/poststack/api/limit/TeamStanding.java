package dev.poststack.api.limit;

import dev.poststack.api.problem.ApiException;
import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.controlplane.limit.TeamLimits;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A team's effective limits (defaults, overridden by the operator per team) beside what it holds
 * now: what a create is checked against.
 */
public record TeamStanding(TeamLimits limits, Map<TeamLimit, Long> held) {

  public TeamStanding {
    EnumMap<TeamLimit, Long> copy = new EnumMap<>(TeamLimit.class);
    for (TeamLimit limit : TeamLimit.values()) {
      copy.put(limit, held.getOrDefault(limit, 0L));
    }
    held = Map.copyOf(copy);
  }

  /**
   * The limit's value, for the event to carry, when the team may create one more; else 422 {@code
   * limit_reached} naming the limit and its value.
   */
  public long require(TeamLimit limit) {
    long max = limits.of(limit);
    if (held.get(limit) >= max) {
      throw limitReached(limit, max);
    }
    return max;
  }

  /** The stable answer to a create past a limit, the provisioner's rejection words included. */
  public static ApiException limitReached(TeamLimit limit, long max) {
    // 422 like the other refusals that depend on the team's state (domain_not_verified): the
    // request is well-formed and allowed to this key; the team must free something or ask an
    // operator
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "limit_reached", limit.refusal(max));
  }
}
