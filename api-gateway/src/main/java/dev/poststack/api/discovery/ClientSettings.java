package dev.poststack.api.discovery;

/**
 * What a mail client is told to use: one host name for IMAP, POP3 and SMTP, and the implicit-TLS
 * ports (993, 995, 465 by default; the dev ports under {@code bin/poststack dev}). Username is
 * always the full address. From settings only, never from a request's Host header.
 */
public record ClientSettings(
    String mailHost, int imapsPort, int pop3sPort, int submissionsPort, String publicHost) {}
