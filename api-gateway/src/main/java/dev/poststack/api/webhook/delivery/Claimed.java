package dev.poststack.api.webhook.delivery;

import java.time.Instant;

/** A due delivery a sender holds (its lease) for attempt number {@code attempt}. */
record Claimed(
    long id,
    long webhookId,
    long teamId,
    String eventType,
    String data,
    Instant createdAt,
    int attempt,
    Instant retryUntil,
    String url,
    byte[] secretSealed,
    byte[] previousSealed,
    Instant previousExpiresAt) {}
