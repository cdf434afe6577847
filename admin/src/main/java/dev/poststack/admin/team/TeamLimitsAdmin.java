package dev.poststack.admin.team;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.controlplane.limit.TeamLimitRows;
import dev.poststack.controlplane.limit.TeamLimits;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * An operator's per-team limits ({@code admin team limits}): overrides in {@code team_limit}, the
 * API's own table, which the API reads on every create it checks. No event: like keys, limits are
 * the API's rows, not mail state. The defaults are the ones this process knows (the same settings
 * the API reads); an override wins over them.
 */
public final class TeamLimitsAdmin {
  private final AdminDatabase db;
  private final TeamLimits defaults;

  /** Needs the API's tables: see {@link AdminDatabase#withApiSchema()}. */
  public TeamLimitsAdmin(AdminDatabase db, TeamLimits defaults) {
    this.db = db;
    this.defaults = defaults;
  }

  /**
   * A team's limits after a change.
   *
   * @param limits every limit's effective value
   * @param overrides the limits the operator set for this team
   */
  public record TeamLimitsView(
      long teamId, String teamName, TeamLimits limits, Map<TeamLimit, Long> overrides) {
    public TeamLimitsView {
      overrides = Map.copyOf(overrides);
    }
  }

  /**
   * Sets (a value) or clears (empty: back to the default) the given limits of the team, in one
   * transaction, and answers its limits after the change.
   *
   * @param team the team's numeric id or its name
   * @throws NoSuchElementException when no team has that id or name
   * @throws IllegalArgumentException for a value outside 0..{@link TeamLimit#MAX}
   */
  public TeamLimitsView set(String team, Map<TeamLimit, OptionalLong> changes) {
    changes.forEach((limit, value) -> value.ifPresent(limit::check));
    return db.transactions()
        .execute(
            tx -> {
              NamedParameterJdbcTemplate jdbc = db.jdbc();
              TeamRef found = TeamRef.find(jdbc, team);
              long teamId = found.id();
              // the team's row first: an API key create checks its limit under the same lock
              jdbc.queryForList(
                  "select id from team where id = :team for no key update",
                  Map.of("team", teamId),
                  Long.class);
              changes.forEach(
                  (limit, value) -> {
                    Map<String, Object> row = new HashMap<>();
                    row.put("team", teamId);
                    row.put("name", limit.key());
                    if (value.isPresent()) {
                      row.put("max", value.getAsLong());
                      jdbc.update(TeamLimitRows.UPSERT, row);
                    } else {
                      jdbc.update(TeamLimitRows.DELETE, row);
                    }
                  });
              return view(jdbc, teamId, found.name());
            });
  }

  /** The team's limits as they are. */
  public TeamLimitsView show(String team) {
    return set(team, Map.of());
  }

  private TeamLimitsView view(NamedParameterJdbcTemplate jdbc, long teamId, String name) {
    Map<TeamLimit, Long> overrides = new EnumMap<>(TeamLimit.class);
    jdbc.query(
        TeamLimitRows.SELECT,
        Map.of("team", teamId),
        rs -> {
          long max = rs.getLong("max_count");
          TeamLimit.ofKey(rs.getString("name")).ifPresent(limit -> overrides.put(limit, max));
        });
    return new TeamLimitsView(teamId, name, defaults.overriddenBy(overrides), overrides);
  }
}
