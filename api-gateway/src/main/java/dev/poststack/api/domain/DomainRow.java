package dev.poststack.api.domain;

import java.time.Instant;

/** A domain as the provisioner's state table holds it. */
public record DomainRow(
    long id,
    String publicId,
    long teamId,
    String name,
    String status,
    boolean inboundEnabled,
    Instant verifiedAt,
    Instant createdAt) {

  public boolean verified() {
    return "verified".equals(status);
  }
}
