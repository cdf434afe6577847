package dev.poststack.agent.activity;

import java.time.Instant;
import java.util.Optional;

/**
 * One {@code save} line Dovecot's mail_log plugin wrote for a message LMTP delivered. Its text
 * values are cut at 80 bytes by Dovecot, so they serve only when the message itself is gone.
 *
 * @param loggedAt the line's timestamp (whole seconds, the host's time zone)
 * @param user the Dovecot user: the mailbox address
 */
record MailLogLine(
    Instant loggedAt,
    String user,
    String folder,
    long uid,
    Optional<String> messageId,
    long size,
    Optional<String> from,
    Optional<String> subject) {}
