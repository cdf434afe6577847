package dev.poststack.admin.launcher;

import dev.poststack.admin.team.TeamLimitsAdmin;
import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.launcher.spi.TeamLimiter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** {@code poststack admin team limits}: a team's overrides set or cleared, its limits shown. */
public final class LauncherTeamLimiter implements TeamLimiter {

  @Override
  public TeamLimits setLimits(
      StackEndpoints stack,
      String team,
      Map<String, Long> changes,
      Map<String, String> environment) {
    Map<TeamLimit, OptionalLong> parsed = new EnumMap<>(TeamLimit.class);
    changes.forEach(
        (name, value) ->
            parsed.put(
                TeamLimit.ofKey(name)
                    .orElseThrow(() -> new IllegalArgumentException("no limit named " + name)),
                value == null ? OptionalLong.empty() : OptionalLong.of(value)));
    TeamLimitsAdmin.TeamLimitsView view =
        new TeamLimitsAdmin(
                LauncherAdmins.database(stack).withApiSchema(),
                dev.poststack.controlplane.limit.TeamLimits.fromEnvironment(environment))
            .set(team, parsed);
    Map<String, Long> limits = new LinkedHashMap<>();
    Map<String, Long> overrides = new LinkedHashMap<>();
    for (TeamLimit limit : TeamLimit.values()) {
      limits.put(limit.key(), view.limits().of(limit));
      if (view.overrides().containsKey(limit)) {
        overrides.put(limit.key(), view.overrides().get(limit));
      }
    }
    return new TeamLimits(view.teamId(), view.teamName(), limits, overrides);
  }
}
