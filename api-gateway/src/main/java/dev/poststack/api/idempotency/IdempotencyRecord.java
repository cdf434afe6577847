package dev.poststack.api.idempotency;

import dev.poststack.api.http.StoredResponse;
import java.time.Instant;

/**
 * A claimed key as stored: who claimed it, for which request, and once completed the answer to
 * replay. {@code response} is the answer without any secret it showed; {@code sealedBody}, when
 * present, is the whole body as first answered, sealed under the client's keys.
 */
record IdempotencyRecord(
    long apiKeyId,
    Long domainScope,
    String fingerprint,
    boolean completed,
    StoredResponse response,
    String sealedBody,
    Instant updatedAt,
    Instant createdAt) {}
