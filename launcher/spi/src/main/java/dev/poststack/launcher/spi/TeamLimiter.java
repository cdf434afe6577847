package dev.poststack.launcher.spi;

import java.util.Map;

/**
 * Operator action behind {@code poststack admin team limits --team T [--mailboxes N] …}: sets or
 * clears a team's limit overrides and shows its effective limits. Implemented by module admin;
 * found with {@link java.util.ServiceLoader} (file {@code
 * META-INF/services/dev.poststack.launcher.spi.TeamLimiter}, public no-argument constructor).
 */
public interface TeamLimiter {

  /**
   * Applies the changes and answers the team's limits after them (no change: just shows them).
   *
   * @param team the team's numeric id or its name
   * @param changes by limit name ({@code api-keys}, {@code domains}, {@code pending-domains},
   *     {@code mailboxes}, {@code aliases}); a null value clears the override (back to the default)
   * @param environment the operator's environment, where the defaults' settings are ({@code
   *     POSTSTACK_LIMITS_*}, the same variables the API reads)
   * @throws IllegalArgumentException for an unknown limit name, a value out of range or a bad
   *     setting; its message is shown to the operator as is
   * @throws java.util.NoSuchElementException when no team has that id or name
   */
  TeamLimits setLimits(
      StackEndpoints stack, String team, Map<String, Long> changes, Map<String, String> environment)
      throws Exception;

  /**
   * A team's limits.
   *
   * @param limits every limit's effective value by name, in a stable order
   * @param overrides the limits set for this team, by name
   */
  record TeamLimits(
      long teamId, String teamName, Map<String, Long> limits, Map<String, Long> overrides) {}
}
