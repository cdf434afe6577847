package dev.poststack.provisioner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.schemas.RejectionCode;
import org.junit.jupiter.api.Test;

class EventBoundsTest {
  private static final PasswordSchemes SCHEMES = PasswordSchemes.defaults();
  private final TestEvents events = TestEvents.forTeam(1);

  @Test
  void anEventWithOnlyPrintableTextPassesUnread() {
    assertThat(Provisioning.refusedUnread(events.mailboxCreated(2, 1, "anna"), SCHEMES)).isEmpty();
  }

  @Test
  void onlyTheConfiguredCryptSchemesWithBoundedRoundsReachTheHosts() {
    assertThat(refusal("{SHA512-CRYPT}$6$salt$c2VjcmV0aGFzaA")).isEmpty();
    assertThat(refusal("{SHA256-CRYPT}$5$rounds=20000$salt$c2VjcmV0")).isEmpty();
    assertThat(refusal("{PLAIN}hunter2"))
        .hasValue("passwordHash: must be one of " + SCHEMES.accepted() + " in its crypt form");
    assertThat(refusal("{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA")).isPresent();
    assertThat(refusal("{SHA512-CRYPT}$5$salt$c2VjcmV0"))
        .as("scheme and crypt id disagree")
        .isPresent();
    assertThat(refusal("{SHA512-CRYPT}$6$rounds=999999999$salt$c2VjcmV0"))
        .hasValue("passwordHash: rounds must be between 1000 and 100000");
    assertThat(
            Provisioning.refusedUnread(
                events.passwordChanged(2, 1, "{SHA256-CRYPT}$5$s$h"),
                PasswordSchemes.parse("SHA512-CRYPT", 100_000)))
        .as("a scheme the operator did not configure")
        .isPresent();
  }

  private java.util.Optional<String> refusal(String hash) {
    return Provisioning.refusedUnread(events.passwordChanged(2, 1, hash), SCHEMES)
        .map(d -> ((Decision.Rejected) d).message());
  }

  @Test
  void aControlCharacterAnywhereIsRefusedNamingTheField() {
    var created = events.mailboxCreated(2, 1, "anna");
    created.getEnvelope().getActor().setId("key\u001b[2J");

    assertThat(Provisioning.refusedUnread(created, SCHEMES))
        .hasValueSatisfying(
            d -> {
              Decision.Rejected rejected = (Decision.Rejected) d;
              assertThat(rejected.code()).isEqualTo(RejectionCode.VALIDATION_ERROR);
              assertThat(rejected.message())
                  .isEqualTo("envelope.actor.id: contains a control character");
            });
  }
}
