package dev.poststack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void distinctPortsAreAllDifferentAndFree() {
    int[] ports = FreePorts.distinct(8);

    assertThat(ports).doesNotHaveDuplicates().hasSize(8);
    for (int port : ports) {
      assertThat(FreePorts.isFree(port)).as("port %d", port).isTrue();
    }
  }

  @Test
  void aBrokerPairLeavesTheControllersPortFreeToo() {
    int port = FreePorts.pairForBroker();

    assertThat(FreePorts.isFree(port)).isTrue();
    assertThat(FreePorts.isFree(port + 1)).isTrue();
  }

  @Test
  void aPortSomeoneHoldsIsNotFree() throws Exception {
    try (ServerSocket held = new ServerSocket(0)) {
      assertThat(FreePorts.isFree(held.getLocalPort())).isFalse();
    }
  }
}
