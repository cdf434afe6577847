package dev.poststack.api.webhook.delivery;

/**
 * A delivery to queue. {@code sourceKey} names the source event (unique per webhook: a source read
 * twice queues nothing twice); {@code orderKey} (the mailbox id) keeps one mailbox's deliveries to
 * one webhook in order; {@code data} is the event's JSON text.
 */
record NewDelivery(
    long webhookId,
    long teamId,
    String eventType,
    String sourceKey,
    String orderKey,
    String data) {}
