package dev.poststack.system;

import dev.poststack.system.support.ReleasesSharedStack;
import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link BrokerFailoverScenario} on three brokers run as child JVMs from Kafka's artifacts. */
@Order(99)
@ExtendWith(SystemStackExtension.class) // for its skip condition: no daemons, no mail host
@ReleasesSharedStack // its own three brokers and stack need the cores the shared one holds
class BrokerFailoverE2E extends BrokerFailoverScenario {
  @BeforeAll
  static void startOnThreeBrokers() {
    stack = SystemStack.startWithCluster();
  }
}
