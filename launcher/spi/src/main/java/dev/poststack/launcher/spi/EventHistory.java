package dev.poststack.launcher.spi;

import java.time.Instant;
import java.util.List;

/**
 * Operator action behind {@code poststack admin events --address A | --domain D [--limit N]}: the
 * audit log of an address or a domain, across teams, newest first. Implemented by module admin;
 * found with {@link java.util.ServiceLoader} (file {@code
 * META-INF/services/dev.poststack.launcher.spi.EventHistory}, public no-argument constructor).
 */
public interface EventHistory {

  /**
   * The newest {@code limit} audit rows of every mailbox and alias that ever held the address
   * (deleted ones included, and creates refused for it), or of every domain that ever had the name
   * and everything in it.
   *
   * @throws IllegalArgumentException when not exactly one of address and domain is given, or the
   *     limit is out of range; its message is shown to the operator as is
   * @throws java.util.NoSuchElementException when no mailbox or alias ever had the address, or no
   *     domain ever had the name
   */
  List<Event> history(StackEndpoints stack, Query query) throws Exception;

  /** Exactly one of {@code address} and {@code domain}; {@code limit} 1..1000. */
  record Query(String address, String domain, int limit) {}

  /**
   * One audit row as an operator reads it: the acting key's name, never its secret or hash.
   *
   * @param actorName the API key's name for an {@code api_key} actor, else null
   * @param changesJson the changed fields as the provisioner recorded them, {@code {field: {from,
   *     to}}} as JSON text ({@code {}} when none were recorded)
   */
  record Event(
      String eventId,
      String type,
      Instant occurredAt,
      long teamId,
      String actorKind,
      String actorId,
      String actorName,
      String requestId,
      String clientRequestId,
      String sourceIp,
      String userAgent,
      Long domainId,
      Long mailboxId,
      Long aliasId,
      String outcome,
      String rejectionCode,
      String rejectionMessage,
      String changesJson) {}
}
