package dev.poststack.testing.mail;

import java.nio.file.Path;

/**
 * Where a test mail host listens, and the certificate its TLS ports present. {@code address} is a
 * loopback address: 127.0.0.1 for a single host, 127.0.1.x for the hosts of a cluster on one
 * machine (each its own "machine" on the same ports).
 */
public record MailEndpoints(
    String address, int imaps, int pop3s, int smtp, int submissions, Path certificate) {

  /** A host on 127.0.0.1. */
  public MailEndpoints(int imaps, int pop3s, int smtp, int submissions, Path certificate) {
    this("127.0.0.1", imaps, pop3s, smtp, submissions, certificate);
  }
}
