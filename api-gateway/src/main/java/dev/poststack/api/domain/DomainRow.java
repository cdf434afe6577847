package dev.poststack.api.domain;

import dev.poststack.api.dkim.PublishedKey;
import java.time.Instant;
import java.util.List;

/**
 * A domain as the provisioner's state table holds it.
 *
 * @param verificationToken the claim's token (null: created by an operator)
 * @param found the purposes of the records the last DNS check found (null: never checked)
 * @param missingSince since when re-checks have found a required record missing (null: none is)
 * @param dkimKeys the domain's DKIM keys as published (never a private key)
 */
public record DomainRow(
    long id,
    String publicId,
    long teamId,
    String name,
    String status,
    boolean inboundEnabled,
    Instant verifiedAt,
    Instant createdAt,
    String verificationToken,
    List<String> found,
    Instant checkedAt,
    Instant missingSince,
    List<PublishedKey> dkimKeys) {

  public DomainRow {
    found = found == null ? null : List.copyOf(found);
    dkimKeys = dkimKeys == null ? List.of() : List.copyOf(dkimKeys);
  }

  public boolean verified() {
    return "verified".equals(status);
  }

  /** Whether the last DNS check found the record of this purpose. */
  public boolean found(String purpose) {
    return found != null && found.contains(purpose);
  }

  /** The same domain with another inbound setting, as a patch answers before it is applied. */
  public DomainRow withInbound(boolean inbound) {
    return new DomainRow(
        id,
        publicId,
        teamId,
        name,
        status,
        inbound,
        verifiedAt,
        createdAt,
        verificationToken,
        found,
        checkedAt,
        missingSince,
        dkimKeys);
  }
}
