package dev.poststack.controlplane.limit;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** A value for every {@link TeamLimit}: the defaults, or one team's effective limits. */
public record TeamLimits(Map<TeamLimit, Long> values) {

  public TeamLimits {
    EnumMap<TeamLimit, Long> copy = new EnumMap<>(TeamLimit.class);
    for (TeamLimit limit : TeamLimit.values()) {
      Long value = values.get(limit);
      if (value == null) {
        throw new IllegalArgumentException(limit.key() + " has no value");
      }
      copy.put(limit, limit.check(value));
    }
    values = Map.copyOf(copy);
  }

  public static TeamLimits builtIn() {
    return defaults(limit -> null);
  }

  /**
   * The defaults: each limit's setting where {@code setting} gives one (by limit), else its
   * built-in default.
   *
   * @throws IllegalArgumentException for a setting that is not a number in 0..{@link TeamLimit#MAX}
   */
  public static TeamLimits defaults(Function<TeamLimit, Long> setting) {
    Map<TeamLimit, Long> values = new EnumMap<>(TeamLimit.class);
    for (TeamLimit limit : TeamLimit.values()) {
      Long value = setting.apply(limit);
      values.put(limit, value == null ? limit.builtInDefault() : value);
    }
    return new TeamLimits(values);
  }

  /**
   * The defaults from environment variables ({@link TeamLimit#envName()}), as the API reads them.
   */
  public static TeamLimits fromEnvironment(Map<String, String> env) {
    return defaults(
        limit -> {
          String raw = env.get(limit.envName());
          if (raw == null || raw.isBlank()) {
            return null;
          }
          try {
            return Long.parseLong(raw.strip());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                limit.envName() + " must be a number, got '" + raw.strip() + "'");
          }
        });
  }

  /** These limits where a team has no override of its own. */
  public TeamLimits overriddenBy(Map<TeamLimit, Long> overrides) {
    Map<TeamLimit, Long> merged = new EnumMap<>(values);
    merged.putAll(overrides);
    return new TeamLimits(merged);
  }

  public long of(TeamLimit limit) {
    return values.get(limit);
  }
}
