package dev.poststack.provisioner.audit;

/** Where an event was read from: the audit log keeps it so a row can be traced to the log. */
public record KafkaPosition(String topic, int partition, long offset) {}
