package dev.poststack.schemas;

import dev.poststack.schemas.event.Actor;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.Envelope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Builds the shared envelope: a fresh event id, the time to the millisecond, who and which request
 * (the server's request id, the client's own one in a field of its own, and where the request came
 * from: {@link RequestOrigin}; none for a request the server started itself).
 */
public final class Envelopes {
  private Envelopes() {}

  public static Envelope of(
      long teamId, ActorKind kind, String actorId, String requestId, Clock clock) {
    return of(teamId, kind, actorId, RequestId.server(requestId), clock);
  }

  public static Envelope of(
      long teamId, ActorKind kind, String actorId, RequestId request, Clock clock) {
    return Envelope.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
        .setTeamId(teamId)
        .setActor(Actor.newBuilder().setKind(kind).setId(actorId).build())
        .setRequestId(request.id())
        .setClientRequestId(request.clientId())
        .setSourceIp(request.origin().sourceIp())
        .setUserAgent(request.origin().userAgent())
        .build();
  }

  public static Envelope byApiKey(long teamId, String keyId, RequestId request, Clock clock) {
    return of(teamId, ActorKind.api_key, keyId, request, clock);
  }
}
