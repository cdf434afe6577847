package dev.poststack.system;

import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link BrokerFailoverScenario} on three containers of the official Apache Kafka image (the one
 * docker-compose.yml runs), a node killed with {@code docker kill} and started again. Skipped
 * cleanly where no Docker engine runs, which is every machine of ours; it runs wherever one does.
 */
@Order(100)
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(SystemStackExtension.class)
class BrokerFailoverContainersE2E extends BrokerFailoverScenario {
  @BeforeAll
  static void startOnThreeContainers() {
    stack = SystemStack.startWithContainerCluster();
  }
}
