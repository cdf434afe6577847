package dev.poststack.provisioner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.schemas.event.Actor;
import dev.poststack.schemas.event.ActorKind;
import org.junit.jupiter.api.Test;

class ProvisioningTest {

  @Test
  void everyEventTypeHasARule() {
    assertThat(Provisioning.typesWithoutRule()).isEmpty();
  }

  @Test
  void failsLoudlyOnARecordThatIsNoKnownEvent() {
    Actor notAnEvent = Actor.newBuilder().setKind(ActorKind.system).setId("x").build();
    assertThatThrownBy(() -> Provisioning.apply(Snapshot.builder().build(), notAnEvent))
        .isInstanceOf(UnknownEventException.class)
        .hasMessageContaining("Actor");
    assertThatThrownBy(() -> Provisioning.requireRule(notAnEvent))
        .isInstanceOf(UnknownEventException.class);
    assertThatThrownBy(() -> Provisioning.reads(notAnEvent))
        .isInstanceOf(UnknownEventException.class);
  }
}
