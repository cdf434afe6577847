package dev.poststack.api.auth;

import dev.poststack.api.problem.ApiException;
import org.springframework.web.server.ServerWebExchange;

/** The authenticated API key behind a request: its team, permission and optional domain scope. */
public record Caller(long teamId, long keyId, Permission permission, Long domainScope) {
  private static final String ATTRIBUTE = Caller.class.getName();

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

  /** The envelope's actor id: the key's numeric id, never its secret. */
  public String actorId() {
    return Long.toString(keyId);
  }
}
