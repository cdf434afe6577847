package dev.poststack.provisioner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.schemas.RejectionCode;
import org.junit.jupiter.api.Test;

class EventBoundsTest {
  private final TestEvents events = TestEvents.forTeam(1);

  @Test
  void anEventWithOnlyPrintableTextPassesUnread() {
    assertThat(Provisioning.refusedUnread(events.mailboxCreated(2, 1, "anna"))).isEmpty();
  }

  @Test
  void aControlCharacterAnywhereIsRefusedNamingTheField() {
    var created = events.mailboxCreated(2, 1, "anna");
    created.getEnvelope().getActor().setId("key\u001b[2J");

    assertThat(Provisioning.refusedUnread(created))
        .hasValueSatisfying(
            d -> {
              Decision.Rejected rejected = (Decision.Rejected) d;
              assertThat(rejected.code()).isEqualTo(RejectionCode.VALIDATION_ERROR);
              assertThat(rejected.message())
                  .isEqualTo("envelope.actor.id: contains a control character");
            });
  }
}
