package dev.poststack.admin.domain;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.OperatorEvents;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.controlplane.VerificationTokens;
import dev.poststack.schemas.Envelopes;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.DkimKey;
import dev.poststack.schemas.event.DkimRotationStarted;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.DomainUpdated;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyMaker;
import dev.poststack.values.dkim.HostKeySeal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Operator actions on domains (CLI, dev launcher): the same events the API publishes, with actor
 * {@code operator}, through {@link OperatorEvents}.
 */
public final class DomainAdmin implements AutoCloseable {
  private final AdminDatabase db;
  private final OperatorEvents events;
  private final String operator;

  /** {@code operator} names who acts in the audit log ({@code cli}, {@code dev}, a test). */
  public DomainAdmin(
      AdminDatabase db, String kafkaBootstrapServers, Duration timeout, String operator) {
    this.db = db;
    this.events = new OperatorEvents(db, kafkaBootstrapServers, timeout);
    this.operator = operator;
  }

  /** A domain's identity and status as the state table holds it. */
  public record DomainInfo(long id, String publicId, String name, String status, long teamId) {}

  public Optional<DomainInfo> describe(long domainId) {
    List<DomainInfo> found =
        db.jdbc()
            .query(
                "select id, public_id, name, status, team_id from domain where id = :id and"
                    + " deleted_at is null",
                Map.of("id", domainId),
                (rs, n) ->
                    new DomainInfo(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5)));
    return found.stream().findFirst();
  }

  /** Marks a domain verified (whatever its DNS says) and enables inbound mail on it. */
  public OperatorEvents.Outcome markVerified(long domainId) {
    DomainInfo domain =
        describe(domainId)
            .orElseThrow(() -> new IllegalArgumentException("no live domain with id " + domainId));
    return events.publishAndAwait(
        DomainUpdated.newBuilder()
            .setEnvelope(envelope(domain.teamId()))
            .setDomainId(domainId)
            .setStatus(DomainStatus.verified)
            .setInboundEnabled(true)
            .build());
  }

  /**
   * The team's live domain of that name, created if absent, verified and inbound-enabled. Returns
   * its id.
   */
  public long ensureVerifiedDomain(long teamId, String name) {
    String domainName = DomainName.of(name).value();
    Map<String, Object> key = Map.of("name", domainName, "team", teamId);
    Optional<Long> existing =
        db
            .jdbc()
            .queryForList(
                "select id from domain where name = :name and team_id = :team and deleted_at is"
                    + " null",
                key,
                Long.class)
            .stream()
            .findFirst();
    long id =
        existing.orElseGet(
            () -> {
              long next =
                  db.jdbc()
                      .getJdbcTemplate()
                      .queryForObject("select nextval('domain_id_seq')", Long.class);
              events
                  .publishAndAwait(
                      DomainCreated.newBuilder()
                          .setEnvelope(envelope(teamId))
                          .setDomainId(next)
                          .setPublicId(PublicIds.domain())
                          .setName(domainName)
                          .setInboundEnabled(true)
                          .setVerificationToken(VerificationTokens.next())
                          .build())
                  .requireApplied();
              return next;
            });
    Integer ready =
        db.jdbc()
            .queryForObject(
                "select count(*) from domain where id = :id and status = 'verified' and"
                    + " inbound_enabled",
                Map.of("id", id),
                Integer.class);
    if (ready == null || ready < 1) {
      markVerified(id)
          .requireApplied(); // idempotent callers (every dev start) publish nothing when ready
    }
    return id;
  }

  /**
   * Gives a domain without an active DKIM key its first one (RSA-2048, made and sealed here with
   * the host seal key; only the sealed form is published), as a rotation that a keyless domain
   * takes as active at once. Operator-made domains (the dev domain) have no key otherwise, and a
   * host defers every submission of a domain it cannot sign for. False when the domain has one
   * already.
   */
  public boolean ensureDkimKey(long domainId, HostKeySeal seal) {
    DomainInfo domain =
        describe(domainId)
            .orElseThrow(() -> new IllegalArgumentException("no live domain with id " + domainId));
    List<Map<String, Object>> keys =
        db.jdbc()
            .queryForList(
                "select selector, state from dkim_key where domain_id = :id",
                Map.of("id", domainId));
    if (keys.stream().anyMatch(k -> "active".equals(k.get("state")))) {
      return false;
    }
    Set<String> taken =
        keys.stream().map(k -> (String) k.get("selector")).collect(Collectors.toSet());
    DkimKeyMaker.NewKey key =
        DkimKeyMaker.make(
            DomainName.of(domain.name()),
            DkimAlgorithm.RSA,
            LocalDate.now(ZoneOffset.UTC),
            taken,
            seal);
    events
        .publishAndAwait(
            DkimRotationStarted.newBuilder()
                .setEnvelope(envelope(domain.teamId()))
                .setDomainId(domainId)
                .setKey(
                    DkimKey.newBuilder()
                        .setSelector(key.selector().value())
                        .setAlgorithm(key.algorithm().value())
                        .setPublicKey(key.publicKey())
                        .setSealedKey(key.sealedKey().value())
                        .build())
                .build())
        .requireApplied();
    return true;
  }

  private Envelope envelope(long teamId) {
    return Envelopes.of(
        teamId, ActorKind.operator, operator, PublicIds.request(), Clock.systemUTC());
  }

  @Override
  public void close() {
    events.close();
  }
}
