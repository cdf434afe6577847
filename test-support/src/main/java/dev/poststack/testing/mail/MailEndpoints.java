package dev.poststack.testing.mail;

import java.nio.file.Path;

/** Where a test mail host listens on 127.0.0.1, and the certificate its TLS ports present. */
public record MailEndpoints(int imaps, int pop3s, int smtp, int submissions, Path certificate) {}
