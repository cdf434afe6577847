package dev.poststack.provisioner.app;

import dev.poststack.provisioner.audit.KafkaPosition;
import dev.poststack.provisioner.rules.Provisioning;
import dev.poststack.provisioner.rules.UnknownEventException;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.UndecodableEventException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record of the events topic and either its event or why it has none (undecodable bytes, or an
 * event type without a rule). One decoding for the live listener and the replay, so both skip
 * exactly the same records.
 */
record DecodedRecord(
    ConsumerRecord<String, byte[]> record,
    KafkaPosition position,
    SpecificRecord event,
    RuntimeException failure) {

  static DecodedRecord of(EventCodec codec, ConsumerRecord<String, byte[]> record) {
    KafkaPosition position = new KafkaPosition(record.topic(), record.partition(), record.offset());
    try {
      SpecificRecord event = codec.decode(record.value());
      Provisioning.requireRule(event);
      return new DecodedRecord(record, position, event, null);
    } catch (UndecodableEventException | UnknownEventException poison) {
      return new DecodedRecord(record, position, null, poison);
    }
  }

  EventProcessor.Pending pending() {
    return new EventProcessor.Pending(event, position);
  }
}
