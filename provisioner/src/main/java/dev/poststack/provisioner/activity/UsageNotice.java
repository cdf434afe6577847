package dev.poststack.provisioner.activity;

/** A row for {@code usage_notice}: the mailbox's usage reached {@code threshold} % of its quota. */
public record UsageNotice(
    long teamId, long mailboxId, int threshold, long usedBytes, long quotaBytes) {}
