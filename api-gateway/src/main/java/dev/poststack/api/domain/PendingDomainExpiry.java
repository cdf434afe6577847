package dev.poststack.api.domain;

import dev.poststack.api.event.EventPublisher;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.Purge;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.schemas.Envelopes;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.DomainExpired;
import dev.poststack.schemas.event.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Domains left unverified longer than {@code poststack.pending-domain-expiry} are removed by the
 * system: one {@code DomainExpired} event each (actor {@code system}), applied and audited by the
 * provisioner like any change, which frees the name. Runs with the other housekeeping.
 *
 * <p>Every instance runs it. The event id is derived from the domain and its last change, so two
 * instances (or a tick that comes before the provisioner applied the last one) publish the same id
 * and the provisioner applies it once; a domain that changes and goes unverified again gets a new
 * id.
 */
@Component
class PendingDomainExpiry implements Purge {
  static final String ACTOR = "pending-domain-expiry";
  // a tick's work is bounded; the next tick takes the rest
  private static final int BATCH = 500;

  private final DomainQueries domains;
  private final EventPublisher publisher;
  private final Clock clock;
  private final Duration expiry;

  PendingDomainExpiry(
      DomainQueries domains, EventPublisher publisher, Clock clock, ApiProperties properties) {
    this.domains = domains;
    this.publisher = publisher;
    this.clock = clock;
    this.expiry = properties.pendingDomainExpiry();
  }

  @Override
  public String name() {
    return "pending-domain expiry";
  }

  /** The expired domains handed to the provisioner (published, not yet applied). */
  @Override
  public Mono<Long> purge() {
    Instant createdBefore = Instant.now(clock).minus(expiry);
    return domains
        .unverifiedCreatedBefore(createdBefore, BATCH)
        .concatMap(d -> publisher.publish(event(d)).thenReturn(d))
        .count();
  }

  private DomainExpired event(DomainQueries.Unverified domain) {
    Envelope envelope =
        Envelopes.of(domain.teamId(), ActorKind.system, ACTOR, PublicIds.request(), clock);
    String identity = "DomainExpired:" + domain.id() + ":" + domain.updatedAt().toEpochMilli();
    envelope.setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)));
    return DomainExpired.newBuilder().setEnvelope(envelope).setDomainId(domain.id()).build();
  }
}
