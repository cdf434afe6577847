package dev.poststack.api.domain;

import dev.poststack.api.dkim.PublishedKey;
import java.time.Instant;
import java.util.List;

/** A domain as the provisioner's state table holds it. */
public record DomainRow(
    long id,
    String publicId,
    long teamId,
    String name,
    String status,
    boolean inboundEnabled,
    Instant verifiedAt,
    Instant createdAt,
    List<PublishedKey> dkimKeys) {

  public DomainRow {
    dkimKeys = List.copyOf(dkimKeys);
  }

  /** The same domain with another inbound setting, as a patch answers before it is applied. */
  public DomainRow withInbound(boolean inbound) {
    return new DomainRow(
        id, publicId, teamId, name, status, inbound, verifiedAt, createdAt, dkimKeys);
  }

  public boolean verified() {
    return "verified".equals(status);
  }
}
