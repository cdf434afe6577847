package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.schemas.event.Actor;
import dev.poststack.schemas.event.ActorKind;
import org.junit.jupiter.api.Test;

class ProvisioningTest {

  @Test
  void failsLoudlyOnARecordThatIsNoKnownEvent() {
    Actor notAnEvent = Actor.newBuilder().setKind(ActorKind.system).setId("x").build();
    assertThatThrownBy(() -> Provisioning.apply(Snapshot.builder().build(), notAnEvent))
        .isInstanceOf(UnknownEventException.class)
        .hasMessageContaining("Actor");
  }
}
