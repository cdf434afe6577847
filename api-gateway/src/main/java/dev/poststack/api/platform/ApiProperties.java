package dev.poststack.api.platform;

import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.controlplane.limit.TeamLimits;
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
    @DefaultValue("10s") Duration repeatedWarningWindow,
    @DefaultValue Work work,
    @DefaultValue Dns dns,
    @DefaultValue DomainDns domainDns,
    @DefaultValue Limits limits,
    @DefaultValue("7d") Duration pendingDomainExpiry,
    @DefaultValue("1h") Duration housekeepingInterval,
    String hostSealKey,
    @DefaultValue Dkim dkim,
    String publicHostname,
    String publicUrl,
    @DefaultValue Client client,
    @DefaultValue Webhooks webhooks,
    String operatorToken,
    @DefaultValue Hosts hosts,
    @DefaultValue Members members,
    @DefaultValue Imports imports) {

  /**
   * Bulk import ({@code POST /mailboxes/import}, {@code POSTSTACK_IMPORTS_*}): at most {@code
   * max-rows} rows in at most {@code max-body-bytes}; the answer waits up to {@code
   * outcome-timeout} for the rows' outcomes (the rest answer {@code pending}); rows may bring a
   * hash of one of {@code hash-schemes} instead of a password (bounded as {@code PasswordSchemes}
   * says, and checked again by the provisioner against its own list).
   */
  public record Imports(
      @DefaultValue("10000") int maxRows,
      @DefaultValue("16777216") int maxBodyBytes,
      @DefaultValue("120s") Duration outcomeTimeout,
      @DefaultValue("SHA512-CRYPT,SHA256-CRYPT,BLF-CRYPT,ARGON2ID") String hashSchemes) {}

  /**
   * Dashboard members' sessions and sign-in ({@code POSTSTACK_MEMBERS_*}): a session lasts at most
   * {@code session-lifetime} and ends after {@code session-idle} without use; an address that
   * failed {@code sign-in-failures} times within {@code sign-in-window} is refused (429) until the
   * window has passed, whatever the password.
   */
  public record Members(
      @DefaultValue("12h") Duration sessionLifetime,
      @DefaultValue("2h") Duration sessionIdle,
      @DefaultValue("10") int signInFailures,
      @DefaultValue("15m") Duration signInWindow) {}

  // operatorToken: POSTSTACK_OPERATOR_TOKEN, the Bearer token of the operator endpoints (/hosts);
  // unset, those endpoints answer 404 as if they did not exist. Never a team key.

  /**
   * The host registry's thresholds ({@code POSTSTACK_HOSTS_STALE_SECONDS}, {@code
   * POSTSTACK_HOSTS_OFFLINE_SECONDS}); see control-plane's {@code HostThresholds}.
   */
  public record Hosts(
      @DefaultValue("60") long staleSeconds,
      @DefaultValue("180") long offlineSeconds,
      @DefaultValue("5s") Duration removalWait) {}

  // pendingOperationRetention: how long GET /operations/:id answers "pending" for an event the
  // provisioner never decided; a decided one's row goes at the next purge (the audit log answers)
  // trustedProxies: addresses or CIDR ranges whose X-Forwarded-For names the client (none: the
  // socket peer is the client)
  // healthCacheTtl: how long /actuator/health's kafka and r2dbc checks are reused
  // repeatedWarningWindow: an identical WARN line is written at most once per window
  // pendingDomainExpiry: how long a domain may stay unverified before the system removes it
  // housekeepingInterval: how often the purges and the pending-domain expiry run
  // hostSealKey: POSTSTACK_HOST_SEAL_KEY, base64 of 32 bytes; DKIM private keys are sealed with it
  // for the mail hosts (ADR 0008). Unset: domains get no DKIM keys and rotation answers 503.

  // publicHostname: POSTSTACK_PUBLIC_HOSTNAME, the platform's own public name, where mail clients
  // find autodiscovery (https://<it>/…) and the autoconfig/autodiscover CNAMEs point; default the
  // mail hostname. publicUrl: the base URL for it when not https://<publicHostname> (dev: http).

  /** The platform's public name: {@code publicHostname}, else the mail hostname. */
  public String platformHostname() {
    return publicHostname == null || publicHostname.isBlank() ? mailHostname : publicHostname;
  }

  /** Where autodiscovery is served, without a trailing slash. */
  public String platformUrl() {
    return publicUrl == null || publicUrl.isBlank()
        ? "https://" + platformHostname()
        : publicUrl.replaceAll("/+$", "");
  }

  /**
   * What autodiscovery tells mail clients: the host (default the mail hostname) and the
   * implicit-TLS ports users connect to, which are not the hosts' own listening ports when a load
   * balancer or NAT sits in between.
   */
  public record Client(
      String hostname,
      @DefaultValue("993") int imapsPort,
      @DefaultValue("995") int pop3sPort,
      @DefaultValue("465") int submissionsPort) {}

  /** The client host name: {@code client.hostname}, else the mail hostname. */
  public String clientHostname() {
    return client.hostname() == null || client.hostname().isBlank()
        ? mailHostname
        : client.hostname();
  }

  /**
   * DKIM keys: {@code ed25519} adds an Ed25519 key beside every new domain's RSA-2048 key; a
   * rotation's new record must have been seen published for {@code propagationWindow} before it
   * signs (unless forced); the replaced key stays on the hosts and its record published for {@code
   * retirement}.
   */
  public record Dkim(
      @DefaultValue("false") boolean ed25519,
      @DefaultValue("1h") Duration propagationWindow,
      @DefaultValue("7d") Duration retirement) {}

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
   * instead, and the shared store is tried again after {@code retryAfterFailure}. A write (any
   * method but GET, HEAD, OPTIONS) takes {@code writeCost} tokens: it costs the whole pipeline
   * (hash, broker, provisioner, hosts) many times what a read costs.
   */
  public record Team(
      @DefaultValue("50") long perSecond,
      @DefaultValue("100") long burst,
      @DefaultValue("3") long writeCost,
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

  /**
   * A key that failed is answered 401 from memory for {@code rejectedKeyTtl}; good keys are kept in
   * memory, dropped by NOTIFY when their row changes, unless {@code keyCache} is false (for
   * measuring what the cache saves).
   */
  public record Auth(
      @DefaultValue("30s") Duration rejectedKeyTtl,
      @DefaultValue("100000") int rejectedKeysMax,
      @DefaultValue("true") boolean keyCache) {}

  /**
   * One bounded pool per kind of slow or CPU-heavy work, shared fairly between teams (README, "Slow
   * work"): {@code threads} run it; a team runs at most {@code per-team-threads} and has at most
   * {@code per-team-queued} more waiting; at most {@code queued} wait in all; a caller waits at
   * most {@code timeout}. For hashing, 0 threads = the number of cores and 0 per-team threads =
   * half of them (at least one).
   */
  public record Work(
      @DefaultValue DnsPool dns, @DefaultValue HashPool hash, @DefaultValue PublishPool publish) {

    /** MX lookups of domain verification: they mostly wait, so many threads, few per team. */
    public record DnsPool(
        @DefaultValue("32") int threads,
        @DefaultValue("4") int perTeamThreads,
        @DefaultValue("4") int perTeamQueued,
        @DefaultValue("64") int queued,
        @DefaultValue("10s") Duration timeout) {}

    /**
     * Password hashes (create, password change, import): CPU, about one per core. With {@code
     * lend-idle-threads}, a thread no team under its share waits for is lent to an import's work at
     * its share, so one team's import uses every core of an otherwise idle pool. Off by default:
     * measured, it made one team's back-to-back imports cost another team's creates 2.5× their idle
     * latency against 1.6× without it, for a 32 % faster import (bench README, "Isolation").
     */
    public record HashPool(
        @DefaultValue("0") int threads,
        @DefaultValue("0") int perTeamThreads,
        @DefaultValue("32") int perTeamQueued,
        @DefaultValue("256") int queued,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("false") boolean lendIdleThreads) {}

    /** Kafka publishes, each held until the broker acknowledged it (or the time-out). */
    public record PublishPool(
        @DefaultValue("16") int threads,
        @DefaultValue("4") int perTeamThreads,
        @DefaultValue("64") int perTeamQueued,
        @DefaultValue("1024") int queued,
        @DefaultValue("10s") Duration timeout) {}
  }

  /**
   * The name servers domain verification asks ({@code host} or {@code host:port}; empty = the
   * system's), and how long it waits for one answer and how many times it asks each server (each
   * try waits twice as long as the one before).
   */
  public record Dns(
      @DefaultValue List<String> servers,
      @DefaultValue("2s") Duration queryTimeout,
      @DefaultValue("2") int queryRetries) {}

  /**
   * What a domain's owner is asked to publish beside the MX and the ownership token, and how
   * verified domains are checked again. {@code spfMechanisms}: the platform's sending hosts as SPF
   * mechanisms ({@code include:_spf.example.net}, {@code ip4:203.0.113.0/24}, {@code ip6:…}, {@code
   * a:host}, {@code mx}); none = {@code mx} (the mail host that receives also sends). {@code
   * dmarcPolicy}: none | quarantine | reject. A verified domain is looked up again once per {@code
   * recheckInterval}; a required record (MX, token) missing for {@code recheckGrace} fails it.
   */
  public record DomainDns(
      @DefaultValue List<String> spfMechanisms,
      @DefaultValue("quarantine") String dmarcPolicy,
      @DefaultValue("24h") Duration recheckInterval,
      @DefaultValue("72h") Duration recheckGrace) {}

  /**
   * How long a stored answer is replayed, how long a retry waits for its twin still in flight, and
   * when an in-flight claim is presumed abandoned (its instance died).
   */
  public record Idempotency(
      @DefaultValue("24h") Duration retention,
      @DefaultValue("8s") Duration inFlightWait,
      @DefaultValue("60s") Duration staleAfter) {}

  /**
   * Webhooks and their dispatcher (README "Webhooks"). {@code secretKey}: base64 of 32 bytes
   * ({@code POSTSTACK_WEBHOOK_SECRET_KEY}) sealing the signing secrets; unset, webhooks answer 503
   * and nothing is sent. {@code allowPrivateTargets} ({@code
   * POSTSTACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS}): loopback, private, link-local, CGNAT and metadata
   * addresses and plain http are refused unless true (dev only).
   */
  public record Webhooks(
      String secretKey,
      @DefaultValue("false") boolean allowPrivateTargets,
      @DefaultValue("true") boolean dispatcherEnabled,
      @DefaultValue("10") int perTeam,
      @DefaultValue("30s") Duration initialBackoff,
      @DefaultValue("1h") Duration maxBackoff,
      @DefaultValue("25h") Duration retryFor,
      @DefaultValue("50") int disableAfter,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("10s") Duration readTimeout,
      @DefaultValue("8") int senderThreads,
      @DefaultValue("2") int perWebhookConcurrency,
      @DefaultValue("500ms") Duration pollInterval,
      @DefaultValue("3") int connections,
      @DefaultValue("poststack-webhooks") String consumerGroup,
      @DefaultValue("latest") String offsetReset,
      @DefaultValue("30d") Duration deliveryRetention) {}
}
