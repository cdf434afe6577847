package dev.poststack.api.auth;

import dev.poststack.api.problem.ApiException;
import dev.poststack.schemas.Envelopes;
import dev.poststack.schemas.RequestId;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.Envelope;
import java.time.Clock;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who a request acts as: an API key (its team, permission and optional domain scope), or a team
 * member signed in to the dashboard (a session: full access to the member's whole team). The
 * envelope's actor says which, so the audit log shows the key or the member.
 */
public record Caller(
    long teamId, Principal principal, long principalId, Permission permission, Long domainScope) {
  private static final String ATTRIBUTE = Caller.class.getName();

  /** What authenticated the request. */
  public enum Principal {
    API_KEY,
    MEMBER
  }

  /** A key's caller, as the key's row says. */
  public Caller(long teamId, long keyId, Permission permission, Long domainScope) {
    this(teamId, Principal.API_KEY, keyId, permission, domainScope);
  }

  /** A member signed in through the dashboard acts with a team-wide full_access key's rights. */
  public static Caller member(long teamId, long memberId) {
    return new Caller(teamId, Principal.MEMBER, memberId, Permission.FULL_ACCESS, null);
  }

  /** Set by authentication for the rest of the request's handling. */
  public void attachTo(ServerWebExchange exchange) {
    exchange.getAttributes().put(ATTRIBUTE, this);
  }

  public static Caller of(ServerWebExchange exchange) {
    Caller caller = exchange.getAttribute(ATTRIBUTE);
    if (caller == null) {
      throw ApiException.unauthorized("missing API key");
    }
    return caller;
  }

  public boolean isMember() {
    return principal == Principal.MEMBER;
  }

  /**
   * One number per credential, for what is bound to a credential (idempotency records, per-key rate
   * buckets): a key's id, or minus a member's id, so the two never collide.
   */
  public long credentialId() {
    return principal == Principal.API_KEY ? principalId : -principalId;
  }

  /** The key's id; a member's caller has none. */
  public long keyId() {
    if (principal != Principal.API_KEY) {
      throw new IllegalStateException("a member's request has no API key");
    }
    return principalId;
  }

  /** Mailbox, alias and domain writes need a full_access key. */
  public void requireWrite() {
    if (permission != Permission.FULL_ACCESS) {
      throw ApiException.forbidden(
          "this API key has sending_access and cannot change mailboxes, aliases or domains");
    }
  }

  /** A key scoped to one domain may touch nothing of another. */
  public void requireDomain(long domainId) {
    if (domainScope != null && domainScope != domainId) {
      throw ApiException.forbidden("this API key is limited to another domain");
    }
  }

  /** Creating domains or managing keys needs a full_access key not limited to one domain. */
  public void requireTeamWide() {
    requireWrite();
    if (domainScope != null) {
      throw ApiException.forbidden("this API key is limited to one domain");
    }
  }

  /** The envelope's actor kind: the key, or the member. */
  public ActorKind actorKind() {
    return principal == Principal.API_KEY ? ActorKind.api_key : ActorKind.member;
  }

  /** The envelope's actor id: the key's or the member's numeric id, never a secret. */
  public String actorId() {
    return Long.toString(principalId);
  }

  /** The envelope of an event this caller causes: its team, its actor, the request's facts. */
  public Envelope envelope(RequestId request, Clock clock) {
    return Envelopes.of(teamId, actorKind(), actorId(), request, clock);
  }
}
