package dev.poststack.api.rotation;

import dev.poststack.api.event.EventPublisher;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.Purge;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.schemas.Envelopes;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.DkimKeyRetired;
import dev.poststack.schemas.event.DkimRotationActivated;
import dev.poststack.schemas.event.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The rotation steps that fall due with time, taken by the system (actor {@code system}) with the
 * other housekeeping: a ready rotation cuts over at {@code activatesAfter}, a retiring key is
 * dropped at {@code retireAfter}. As with the pending-domain expiry, the event id is derived from
 * the step, so instances that race publish one id and the provisioner applies it once.
 */
@Component
public class DkimRotationClock implements Purge {
  static final String ACTOR = "dkim-rotation";
  private static final int BATCH = 500;

  private final RotationQueries keys;
  private final EventPublisher publisher;
  private final Clock clock;
  private final Duration retirement;

  DkimRotationClock(
      RotationQueries keys, EventPublisher publisher, Clock clock, ApiProperties properties) {
    this.keys = keys;
    this.publisher = publisher;
    this.clock = clock;
    this.retirement = properties.dkim().retirement();
  }

  @Override
  public String name() {
    return "dkim rotation clock";
  }

  @Override
  public Mono<Long> purge() {
    return dueAt(Instant.now(clock));
  }

  /** The steps due at {@code now}, handed to the provisioner (published, not yet applied). */
  public Mono<Long> dueAt(Instant now) {
    Mono<Long> activations =
        keys.dueActivations(now, BATCH)
            .concatMap(
                d ->
                    publisher
                        .publish(
                            DkimRotationActivated.newBuilder()
                                .setEnvelope(envelope(d, "DkimRotationActivated"))
                                .setDomainId(d.domainId())
                                .setSelector(d.selector())
                                .setRetireAfter(d.deadline().plus(retirement))
                                .build())
                        .thenReturn(d))
            .count();
    Mono<Long> retirements =
        keys.dueRetirements(now, BATCH)
            .concatMap(
                d ->
                    publisher
                        .publish(
                            DkimKeyRetired.newBuilder()
                                .setEnvelope(envelope(d, "DkimKeyRetired"))
                                .setDomainId(d.domainId())
                                .setSelector(d.selector())
                                .build())
                        .thenReturn(d))
            .count();
    return activations.zipWith(retirements, Long::sum);
  }

  private Envelope envelope(RotationQueries.Due due, String event) {
    Envelope envelope =
        Envelopes.of(due.teamId(), ActorKind.system, ACTOR, PublicIds.request(), clock);
    String identity = event + ":" + due.domainId() + ":" + due.selector();
    envelope.setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)));
    return envelope;
  }
}
