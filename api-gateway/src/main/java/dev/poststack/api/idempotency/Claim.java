package dev.poststack.api.idempotency;

/**
 * One request's claim on an Idempotency-Key of its team: who makes it (the API key and the domain
 * scope it had), what it asks (the keyed fingerprint) and the random token that alone may complete
 * or release it, so a request whose claim was taken over cannot overwrite the taker's answer.
 */
record Claim(
    long teamId,
    String keyHash,
    long apiKeyId,
    Long domainScope,
    String fingerprint,
    String token) {}
