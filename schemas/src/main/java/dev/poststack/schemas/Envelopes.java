package dev.poststack.schemas;

import dev.poststack.schemas.event.Actor;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.Envelope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Builds the shared envelope: a fresh event id, the time to the millisecond, who and which request.
 */
public final class Envelopes {
  private Envelopes() {}

  public static Envelope of(
      long teamId, ActorKind kind, String actorId, String requestId, Clock clock) {
    return Envelope.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
        .setTeamId(teamId)
        .setActor(Actor.newBuilder().setKind(kind).setId(actorId).build())
        .setRequestId(requestId)
        .build();
  }

  public static Envelope byApiKey(long teamId, String keyId, String requestId, Clock clock) {
    return of(teamId, ActorKind.api_key, keyId, requestId, clock);
  }
}
