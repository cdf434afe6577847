package dev.poststack.api.rotation;

/**
 * {@code {rotation}} as the SDK 0.14 reads it: {@code state} idle | pending_dns | ready | retiring,
 * timestamps ISO-8601 UTC with milliseconds or null.
 */
public record RotationView(
    long domainId,
    String state,
    String activeSelector,
    String pendingSelector,
    String pendingPublicKey,
    String pendingRecordName,
    String pendingRecordValue,
    String startedAt,
    String publishedAt,
    String activatesAfter,
    String retiredSelector,
    String retireAfter) {}
