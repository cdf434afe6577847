package dev.poststack.provisioner;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node KRaft broker in the test JVM. */
public final class TestBroker {
  private TestBroker() {}

  public static EmbeddedKafkaKraftBroker start() {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    // lets crash tests use a short consumer session, so a killed member is replaced in seconds
    broker.brokerProperty("group.min.session.timeout.ms", "500");
    broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
    broker.afterPropertiesSet();
    return broker;
  }
}
