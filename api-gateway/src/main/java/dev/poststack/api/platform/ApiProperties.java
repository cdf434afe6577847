package dev.poststack.api.platform;

import java.time.Duration;
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
    @DefaultValue("7d") Duration pendingOperationRetention) {

  // pendingOperationRetention: how long GET /operations/:id answers "pending" for an event the
  // provisioner never decided; a decided one's row goes at the next purge (the audit log answers)

  /** Per API key, per API instance (see README): a steady rate and the burst above it. */
  public record RateLimit(@DefaultValue("20") long perSecond, @DefaultValue("40") long burst) {}

  /**
   * How long a stored answer is replayed, how long a retry waits for its twin still in flight, and
   * when an in-flight claim is presumed abandoned (its instance died).
   */
  public record Idempotency(
      @DefaultValue("24h") Duration retention,
      @DefaultValue("8s") Duration inFlightWait,
      @DefaultValue("60s") Duration staleAfter) {}
}
