package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Redelivery, poison records and per-domain order, through a real broker and database. */
class DeliveryGuaranteesIT {
  @RegisterExtension static final ProvisionerStack stack = new ProvisionerStack();

  private final ConfigurableApplicationContext provisioner = stack.provisioner();
  private final EventLog log = stack.log();
  private final Database db = stack.db();
  private final OutcomeNotifications outcomes = stack.outcomes();

  @Test
  void appliesAnEventDeliveredTwiceOnlyOnce() {
    TestEvents team = TestEvents.forTeam(21);
    var first = team.mailboxUpdate(2001, 201).setQuotaBytes(2L << 30).build();
    var second = team.mailboxUpdate(2001, 201).setQuotaBytes(3L << 30).build();
    var marker = team.mailboxUpdate(2001, 201).setWebhookEnabled(true).build();
    log.publishAll(
        team.domainCreated(201, "twice.example"),
        team.domainVerified(201),
        team.mailboxCreated(2001, 201, "anna"),
        first,
        second);
    outcomes.awaitAll(eventId(first), eventId(second));
    // a producer retry or a replayed batch: the first update arrives again, after the second
    log.publish(first);
    log.publish(marker);
    outcomes.awaitAll(eventId(marker));

    assertThat(db.row("select quota_bytes from mailbox where id = 2001"))
        .containsEntry("quota_bytes", 3L << 30);
    assertThat(db.count("select count(*) from audit_event where event_id = ?", eventId(first)))
        .isOne();
    assertThat(outcomes.timesReceived(eventId(first))).isOne();
    assertThat(db.count("select count(*) from audit_event where domain_id = 201")).isEqualTo(6);
  }

  @Test
  void deadLettersUndecodableRecordsWithTheReasonAndAppliesTheNextEvent() {
    TestEvents team = TestEvents.forTeam(22);
    byte[] garbage = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
    byte[] unknownSchema = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42};
    RecordMetadata badOne = log.publishRaw("202", garbage);
    RecordMetadata badTwo = log.publishRaw("202", unknownSchema);
    var next = team.domainCreated(202, "poison.example");
    RecordMetadata good = log.publish(next);
    outcomes.awaitAll(eventId(next));

    assertThat(good.partition()).isEqualTo(badOne.partition());
    assertThat(db.row("select name from domain where id = 202"))
        .containsEntry("name", "poison.example");
    List<ConsumerRecord<String, byte[]>> dead = log.deadLetters();
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).value()).isEqualTo(garbage);
    assertThat(dead.get(0).key()).isEqualTo("202");
    assertThat(header(dead.get(0), "kafka_dlt-exception-message"))
        .contains("not an Avro single-object encoded record");
    assertThat(header(dead.get(1), "kafka_dlt-exception-message"))
        .contains("unknown schema fingerprint");
    assertThat(header(dead.get(0), "kafka_dlt-original-topic"))
        .isEqualTo(Topics.MAILBOX_EVENTS.name());
    assertThat(intHeader(dead.get(0), "kafka_dlt-original-partition"))
        .isEqualTo(badOne.partition());
    assertThat(longHeader(dead.get(0), "kafka_dlt-original-offset")).isEqualTo(badOne.offset());
    assertThat(longHeader(dead.get(1), "kafka_dlt-original-offset")).isEqualTo(badTwo.offset());
    assertThat(db.count("select count(*) from processed_event")).isPositive();
  }

  @Test
  void appliesABurstOfChangesToOneDomainInOrder() {
    TestEvents team = TestEvents.forTeam(23);
    List<SpecificRecord> burst =
        new ArrayList<>(
            List.of(team.domainCreated(203, "burst.example"), team.domainVerified(203)));
    // the same address created, changed and deleted over and over: any reordering is refused
    for (long id = 3001; id <= 3010; id++) {
      burst.add(team.mailboxCreated(id, 203, "rotating"));
      burst.add(team.mailboxUpdate(id, 203).setQuotaBytes((id - 3000) << 20).build());
      burst.add(team.mailboxDeleted(id, 203));
    }
    burst.add(team.mailboxCreated(3011, 203, "rotating"));
    burst.forEach(log::publish);
    outcomes.awaitAll(burst.stream().map(DeliveryGuaranteesIT::eventId).toArray(UUID[]::new));

    List<Map<String, Object>> audit =
        db.rows(
            "select event_id, outcome from audit_event"
                + " where domain_id = 203 order by kafka_offset");
    assertThat(audit)
        .extracting(r -> r.get("event_id"))
        .containsExactlyElementsOf(burst.stream().map(DeliveryGuaranteesIT::eventId).toList());
    assertThat(audit).extracting(r -> r.get("outcome")).containsOnly("applied");
    assertThat(
            db.rows(
                "select id, quota_bytes from mailbox where domain_id = 203"
                    + " and status <> 'deleted'"))
        .containsExactly(Map.of("id", 3011L, "quota_bytes", 1L << 30));
    assertThat(db.row("select quota_bytes from mailbox where id = 3010"))
        .containsEntry("quota_bytes", 10L << 20);
  }

  @Test
  void retriesThroughADatabaseFailureWithoutDeadLetteringOrSkippingTheEvent() {
    TestEvents team = TestEvents.forTeam(24);
    int deadBefore = log.deadLetters().size();
    MeterRegistry registry = provisioner.getBean(MeterRegistry.class);
    double failuresBefore = listenerFailures(registry);
    db.execute("alter table processed_event rename to processed_event_away");
    var event = team.domainCreated(204, "outage.example");
    try {
      log.publish(event);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> listenerFailures(registry) >= failuresBefore + 2);
    } finally {
      db.execute("alter table processed_event_away rename to processed_event");
    }
    outcomes.awaitAll(eventId(event));

    assertThat(db.row("select name from domain where id = 204"))
        .containsEntry("name", "outage.example");
    assertThat(db.count("select count(*) from audit_event where event_id = ?", eventId(event)))
        .isOne();
    assertThat(log.deadLetters()).hasSize(deadBefore);
  }

  /** Failed listener invocations, as spring-kafka's listener timer counts them. */
  private static double listenerFailures(MeterRegistry registry) {
    return registry.find("spring.kafka.listener").tag("result", "failure").timers().stream()
        .mapToDouble(t -> t.count())
        .sum();
  }

  private static UUID eventId(SpecificRecord event) {
    return Events.envelope(event).getEventId();
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static int intHeader(ConsumerRecord<?, ?> record, String name) {
    return java.nio.ByteBuffer.wrap(record.headers().lastHeader(name).value()).getInt();
  }

  private static long longHeader(ConsumerRecord<?, ?> record, String name) {
    return java.nio.ByteBuffer.wrap(record.headers().lastHeader(name).value()).getLong();
  }
}
