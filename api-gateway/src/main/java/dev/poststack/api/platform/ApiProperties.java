package dev.poststack.api.platform;

import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.controlplane.limit.TeamLimits;
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
    @DefaultValue("7d") Duration pendingOperationRetention,
    @DefaultValue Limits limits,
    @DefaultValue("7d") Duration pendingDomainExpiry,
    @DefaultValue("1h") Duration housekeepingInterval) {

  // pendingOperationRetention: how long GET /operations/:id answers "pending" for an event the
  // provisioner never decided; a decided one's row goes at the next purge (the audit log answers)
  // pendingDomainExpiry: how long a domain may stay unverified before the system removes it
  // housekeepingInterval: how often the purges and the pending-domain expiry run

  /**
   * Every team's default limits ({@code poststack.limits.api-keys} …); an unset one is its built-in
   * default ({@link TeamLimit}), an operator's per-team override wins over both.
   */
  public record Limits(
      Long apiKeys, Long domains, Long pendingDomains, Long mailboxes, Long aliases) {

    /**
     * @throws IllegalArgumentException for a value outside 0..{@link TeamLimit#MAX}
     */
    public TeamLimits defaults() {
      return TeamLimits.defaults(
          limit ->
              switch (limit) {
                case API_KEYS -> apiKeys;
                case DOMAINS -> domains;
                case PENDING_DOMAINS -> pendingDomains;
                case MAILBOXES -> mailboxes;
                case ALIASES -> aliases;
              });
    }
  }

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
