package dev.poststack.api.platform;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Every {@code poststack.*} setting of the API, with its default. */
@ConfigurationProperties("poststack")
public record ApiProperties(
    @DefaultValue("mail.poststack.local") String mailHostname,
    @DefaultValue("SHA512-CRYPT") String passwordScheme,
    @DefaultValue("5s") Duration outcomeTimeout,
    @DefaultValue("250ms") Duration outcomePollInterval,
    @DefaultValue("65536") int maxBodyBytes,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue Idempotency idempotency,
    @DefaultValue("7d") Duration pendingOperationRetention,
    @DefaultValue Auth auth,
    @DefaultValue List<String> trustedProxies,
    @DefaultValue("2s") Duration healthCacheTtl,
    @DefaultValue("10s") Duration repeatedWarningWindow) {

  // pendingOperationRetention: how long GET /operations/:id answers "pending" for an event the
  // provisioner never decided; a decided one's row goes at the next purge (the audit log answers)
  // trustedProxies: addresses or CIDR ranges whose X-Forwarded-For names the client (none: the
  // socket peer is the client)
  // healthCacheTtl: how long /actuator/health's kafka and r2dbc checks are reused
  // repeatedWarningWindow: an identical WARN line is written at most once per window

  /**
   * {@code perSecond}/{@code burst}: per API key, per API instance, checked first and in memory.
   * {@code team}: all of a team's keys together, across instances. {@code unauthenticated}: per
   * client address, for requests without a working key, before any database work.
   */
  public record RateLimit(
      @DefaultValue("20") long perSecond,
      @DefaultValue("40") long burst,
      @DefaultValue Team team,
      @DefaultValue Unauthenticated unauthenticated) {}

  /**
   * A team's bucket, shared by every API instance through PostgreSQL (when {@code shared}) on a
   * pool of its own ({@code connections}, {@code threads}, at most {@code queue} waiting); a check
   * that takes longer than {@code timeout} or fails uses this instance's own bucket for the team
   * instead, and the shared store is tried again after {@code retryAfterFailure}.
   */
  public record Team(
      @DefaultValue("50") long perSecond,
      @DefaultValue("100") long burst,
      @DefaultValue("true") boolean shared,
      @DefaultValue("250ms") Duration timeout,
      @DefaultValue("5s") Duration retryAfterFailure,
      @DefaultValue("2") int connections,
      @DefaultValue("2") int threads,
      @DefaultValue("256") int queue,
      String jdbcUrl,
      String user,
      String password) {}

  /**
   * Requests without a key, with a malformed key or with a key that fails: a bucket per client
   * address (IPv4 address, IPv6 /64), at most {@code maxAddresses} remembered.
   */
  public record Unauthenticated(
      @DefaultValue("5") long perSecond,
      @DefaultValue("20") long burst,
      @DefaultValue("100000") int maxAddresses) {}

  /** A key that failed is answered 401 from memory for {@code rejectedKeyTtl}. */
  public record Auth(
      @DefaultValue("30s") Duration rejectedKeyTtl, @DefaultValue("100000") int rejectedKeysMax) {}

  /**
   * How long a stored answer is replayed, how long a retry waits for its twin still in flight, and
   * when an in-flight claim is presumed abandoned (its instance died).
   */
  public record Idempotency(
      @DefaultValue("24h") Duration retention,
      @DefaultValue("8s") Duration inFlightWait,
      @DefaultValue("60s") Duration staleAfter) {}
}
