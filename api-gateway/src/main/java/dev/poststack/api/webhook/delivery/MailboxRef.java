package dev.poststack.api.webhook.delivery;

/** The mailbox an event is about, as the provisioner's state holds it. */
record MailboxRef(
    long id,
    String publicId,
    long teamId,
    long domainId,
    String emailAddress,
    String status,
    String displayName,
    long quotaBytes,
    boolean webhookEnabled) {}
