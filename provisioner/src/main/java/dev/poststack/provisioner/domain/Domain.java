package dev.poststack.provisioner.domain;

import dev.poststack.schemas.event.DomainStatus;
import java.time.Instant;

/** A row of {@code domain}, as the provisioner writes it. Timestamps all come from events. */
public record Domain(
    long id,
    String publicId,
    long teamId,
    String name,
    DomainStatus status,
    boolean inboundEnabled,
    Instant verifiedAt,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt,
    Ownership ownership) {

  public Domain {
    ownership = ownership == null ? Ownership.NONE : ownership;
  }

  /** A domain without ownership proof yet (no token, never checked). */
  public Domain(
      long id,
      String publicId,
      long teamId,
      String name,
      DomainStatus status,
      boolean inboundEnabled,
      Instant verifiedAt,
      Instant createdAt,
      Instant updatedAt,
      Instant deletedAt) {
    this(
        id,
        publicId,
        teamId,
        name,
        status,
        inboundEnabled,
        verifiedAt,
        createdAt,
        updatedAt,
        deletedAt,
        Ownership.NONE);
  }

  public boolean isLive() {
    return deletedAt == null;
  }

  /** Live and owned by the team; anything else is "not found" to that team. */
  public boolean isLiveFor(long team) {
    return isLive() && teamId == team;
  }

  public Domain changed(DomainStatus newStatus, boolean inbound, Instant verified, Instant at) {
    return new Domain(
        id, publicId, teamId, name, newStatus, inbound, verified, createdAt, at, deletedAt,
        ownership);
  }

  public Domain withOwnership(Ownership next) {
    return new Domain(
        id,
        publicId,
        teamId,
        name,
        status,
        inboundEnabled,
        verifiedAt,
        createdAt,
        updatedAt,
        deletedAt,
        next);
  }

  public Domain deleted(Instant at) {
    return new Domain(
        id,
        publicId,
        teamId,
        name,
        status,
        inboundEnabled,
        verifiedAt,
        createdAt,
        at,
        at,
        ownership);
  }
}
