package dev.poststack.api.idempotency;

import dev.poststack.api.http.StoredResponse;
import java.time.Instant;

/** A claimed key: its request fingerprint and, once completed, the answer to replay. */
record IdempotencyRecord(
    String fingerprint,
    boolean completed,
    StoredResponse response,
    String passwordHash,
    Instant updatedAt,
    Instant createdAt) {}
