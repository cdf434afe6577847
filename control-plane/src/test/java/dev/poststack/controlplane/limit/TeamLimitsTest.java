package dev.poststack.controlplane.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamLimitsTest {

  @Test
  void everyLimitHasItsBuiltInDefaultUnlessASettingSaysOtherwise() {
    TeamLimits defaults = TeamLimits.fromEnvironment(Map.of("POSTSTACK_LIMITS_MAILBOXES", "7"));
    assertThat(defaults.of(TeamLimit.MAILBOXES)).isEqualTo(7);
    assertThat(defaults.of(TeamLimit.API_KEYS)).isEqualTo(25);
    assertThat(defaults.of(TeamLimit.PENDING_DOMAINS)).isEqualTo(10);
    assertThat(TeamLimits.builtIn().of(TeamLimit.MAILBOXES)).isEqualTo(10_000);
  }

  @Test
  void aTeamsOverrideWinsOverTheDefaultForThatLimitOnly() {
    TeamLimits effective =
        TeamLimits.builtIn().overriddenBy(Map.of(TeamLimit.DOMAINS, 3L, TeamLimit.ALIASES, 0L));
    assertThat(effective.of(TeamLimit.DOMAINS)).isEqualTo(3);
    assertThat(effective.of(TeamLimit.ALIASES)).isZero();
    assertThat(effective.of(TeamLimit.MAILBOXES)).isEqualTo(10_000);
  }

  @Test
  void refusesASettingOrOverrideThatIsNotACountInRange() {
    assertThatThrownBy(
            () -> TeamLimits.fromEnvironment(Map.of("POSTSTACK_LIMITS_PENDINGDOMAINS", "many")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("POSTSTACK_LIMITS_PENDINGDOMAINS");
    assertThatThrownBy(() -> TeamLimits.builtIn().overriddenBy(Map.of(TeamLimit.API_KEYS, -1L)))
        .hasMessageContaining("api-keys");
  }

  @Test
  void theRefusalNamesTheLimitAndItsValue() {
    assertThat(TeamLimit.MAILBOXES.refusal(2))
        .isEqualTo("team limit reached: mailboxes (at most 2 mailboxes)");
    assertThat(TeamLimit.ofKey("pending-domains")).contains(TeamLimit.PENDING_DOMAINS);
    assertThat(TeamLimit.API_KEYS.envName()).isEqualTo("POSTSTACK_LIMITS_APIKEYS");
  }
}
