package dev.poststack.api.mailbox;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.domain.DomainQueries;
import dev.poststack.api.domain.DomainRow;
import dev.poststack.api.domain.DomainService;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.Timestamps;
import dev.poststack.api.limit.TeamQuotas;
import dev.poststack.api.outcome.AppliedAnswer;
import dev.poststack.api.outcome.Submissions;
import dev.poststack.api.problem.ApiException;
import dev.poststack.api.work.WorkPool;
import dev.poststack.api.work.WorkPools;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.schemas.RequestId;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.schemas.event.MailboxDeleted;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.schemas.event.MailboxUpdated;
import dev.poststack.schemas.event.NullableStringChange;
import dev.poststack.schemas.event.PasswordChanged;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.address.LocalPart;
import dev.poststack.values.mailbox.DisplayName;
import dev.poststack.values.mailbox.PasswordHash;
import dev.poststack.values.mailbox.QuotaBytes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Mailbox writes: fast-path checks, hash off the event loop, the event, the outcome, the answer.
 */
@Component
public class MailboxService implements AppliedAnswer {
  private final MailboxQueries mailboxes;
  private final DomainService domains;
  private final DomainQueries domainStore;
  private final PasswordHasher hasher;
  private final WorkPool hashing;
  private final TeamQuotas quotas;
  private final Submissions submissions;
  private final CreateLatency latency;
  private final Clock clock;

  public MailboxService(
      MailboxQueries mailboxes,
      DomainService domains,
      DomainQueries domainStore,
      PasswordHasher hasher,
      WorkPools work,
      TeamQuotas quotas,
      Submissions submissions,
      CreateLatency latency,
      Clock clock) {
    this.mailboxes = mailboxes;
    this.domains = domains;
    this.domainStore = domainStore;
    this.hasher = hasher;
    this.hashing = work.hashing();
    this.quotas = quotas;
    this.submissions = submissions;
    this.latency = latency;
    this.clock = clock;
  }

  /** This team's mailbox (deleted included) or 404; a key scoped to another domain gets 403. */
  public Mono<MailboxView> require(Caller caller, IdRef ref) {
    return mailboxes
        .find(caller.teamId(), ref)
        .switchIfEmpty(
            Mono.error(
                new ApiException(HttpStatus.NOT_FOUND, "mailbox_not_found", "mailbox not found")))
        .doOnNext(m -> caller.requireDomain(m.domainId()));
  }

  /** Resolves a {@code domain_id} list filter to this team's domain id, or empty. */
  public Mono<Long> domainFilter(Caller caller, String raw) {
    return IdRef.parse(raw, "dom_")
        .map(ref -> domainStore.find(caller.teamId(), ref).map(DomainRow::id))
        .orElse(Mono.empty());
  }

  Mono<ApiResponse> create(Caller caller, MailboxRequests.Create cmd, RequestId requestId) {
    caller.requireWrite();
    return latency.record(
        domains
            .requireUsableForAddresses(caller, cmd.domain())
            .flatMap(
                domain -> {
                  EmailAddress address = address(cmd, domain);
                  return mailboxes
                      .addressTaken(domain.id(), cmd.localPart().value())
                      .flatMap(
                          taken ->
                              taken
                                  ? Mono.error(addressTaken(address))
                                  // the limit before the hash: a team at its limit costs no CPU
                                  : quotas
                                      .of(caller.teamId())
                                      .map(standing -> standing.require(TeamLimit.MAILBOXES)))
                      .flatMap(
                          limit ->
                              Mono.zip(
                                  hash(caller, cmd.password()),
                                  mailboxes.nextId(),
                                  Mono.just(limit)))
                      .flatMap(
                          t -> {
                            PasswordHash hash = t.getT1();
                            MailboxCreated event =
                                created(
                                    caller.envelope(requestId, clock),
                                    t.getT2(),
                                    domain.id(),
                                    cmd.localPart(),
                                    hash,
                                    cmd.displayName(),
                                    cmd.quota(),
                                    cmd.webhookEnabled(),
                                    t.getT3());
                            return submissions.answer(
                                event,
                                () ->
                                    readBack(caller, event.getMailboxId())
                                        .map(m -> ApiResponse.created(Map.of("mailbox", m))),
                                op ->
                                    pending(
                                        "mailbox",
                                        pendingView(caller, event, domain, address),
                                        op));
                          });
                }));
  }

  /** The event of one new mailbox, with a new public id: a single create's or an import row's. */
  static MailboxCreated created(
      Envelope envelope,
      long id,
      long domainId,
      LocalPart localPart,
      PasswordHash hash,
      DisplayName displayName,
      QuotaBytes quota,
      boolean webhookEnabled,
      long mailboxLimit) {
    return MailboxCreated.newBuilder()
        .setEnvelope(envelope)
        .setMailboxId(id)
        .setPublicId(PublicIds.mailbox())
        .setDomainId(domainId)
        .setLocalPart(localPart.value())
        .setPasswordHash(hash.value())
        .setDisplayName(displayName == null ? null : displayName.value())
        .setQuotaBytes(quota.value())
        .setWebhookEnabled(webhookEnabled)
        .setMailboxLimit(mailboxLimit)
        .build();
  }

  Mono<ApiResponse> update(
      Caller caller, IdRef ref, MailboxRequests.Update cmd, RequestId requestId) {
    caller.requireWrite();
    return require(caller, ref)
        .flatMap(
            current -> {
              requireLive(current);
              MailboxUpdated event =
                  MailboxUpdated.newBuilder()
                      .setEnvelope(caller.envelope(requestId, clock))
                      .setMailboxId(current.id())
                      .setDomainId(current.domainId())
                      .setDisplayName(
                          cmd.displayNameGiven()
                              ? NullableStringChange.newBuilder()
                                  .setValue(cmd.displayName().map(Object::toString).orElse(null))
                                  .build()
                              : null)
                      .setQuotaBytes(cmd.quota())
                      .setStatus(cmd.status() == null ? null : MailboxStatus.valueOf(cmd.status()))
                      .setWebhookEnabled(cmd.webhookEnabled())
                      .build();
              MailboxView patched =
                  current.with(
                      cmd.displayNameGiven()
                          ? cmd.displayName().map(Object::toString).orElse(null)
                          : current.displayName(),
                      cmd.quota() != null ? cmd.quota() : current.quotaBytes(),
                      cmd.status() != null ? cmd.status() : current.status(),
                      cmd.webhookEnabled() != null
                          ? cmd.webhookEnabled()
                          : current.webhookEnabled());
              return submissions.answer(
                  event,
                  () ->
                      readBack(caller, current.id()).map(m -> ApiResponse.ok(Map.of("mailbox", m))),
                  op -> pending("mailbox", patched, op));
            });
  }

  Mono<ApiResponse> changePassword(Caller caller, IdRef ref, String password, RequestId requestId) {
    caller.requireWrite();
    return require(caller, ref)
        .flatMap(
            current -> {
              requireLive(current);
              return hash(caller, password)
                  .flatMap(
                      hash -> {
                        PasswordChanged event =
                            PasswordChanged.newBuilder()
                                .setEnvelope(caller.envelope(requestId, clock))
                                .setMailboxId(current.id())
                                .setDomainId(current.domainId())
                                .setPasswordHash(hash.value())
                                .build();
                        return submissions.answer(
                            event,
                            () -> Mono.just(ApiResponse.ok(Map.of("success", true))),
                            op -> pending(null, null, op));
                      });
            });
  }

  Mono<ApiResponse> delete(Caller caller, IdRef ref, RequestId requestId) {
    caller.requireWrite();
    return require(caller, ref)
        .flatMap(
            current -> {
              if (current.deleted()) {
                return Mono.just(ApiResponse.ok(Map.of("success", true))); // DELETE is idempotent
              }
              MailboxDeleted event =
                  MailboxDeleted.newBuilder()
                      .setEnvelope(caller.envelope(requestId, clock))
                      .setMailboxId(current.id())
                      .setDomainId(current.domainId())
                      .build();
              return submissions.answer(
                  event,
                  () -> Mono.just(ApiResponse.ok(Map.of("success", true))),
                  op -> pending(null, null, op));
            });
  }

  private Mono<PasswordHash> hash(Caller caller, String password) {
    // SHA512-CRYPT is ~a millisecond of CPU: never on the event loop, and in the team's own line
    return hashing.run(caller.teamId(), () -> hasher.hash(password));
  }

  private Mono<MailboxView> readBack(Caller caller, long id) {
    return mailboxes
        .find(caller.teamId(), IdRef.of(id))
        .switchIfEmpty(Mono.error(ApiException.notFound("mailbox")))
        .flatMap(mailboxes::withPropagation);
  }

  private static EmailAddress address(MailboxRequests.Create cmd, DomainRow domain) {
    try {
      return new EmailAddress(cmd.localPart(), DomainName.of(domain.name()));
    } catch (InvalidValueException e) {
      throw ApiException.validation("localPart", e.reason());
    }
  }

  private static void requireLive(MailboxView mailbox) {
    if (mailbox.deleted()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "mailbox_deleted",
          "mailbox " + mailbox.emailAddress() + " is deleted");
    }
  }

  static ApiException addressTaken(EmailAddress address) {
    return new ApiException(
        HttpStatus.CONFLICT, "address_taken", address + " is already a mailbox or alias");
  }

  private static MailboxView pendingView(
      Caller caller, MailboxCreated e, DomainRow domain, EmailAddress address) {
    String at = Timestamps.format(e.getEnvelope().getOccurredAt());
    return new MailboxView(
        e.getMailboxId(),
        e.getPublicId(),
        caller.teamId(),
        domain.id(),
        address.value(),
        e.getDisplayName(),
        e.getQuotaBytes(),
        "active",
        e.getWebhookEnabled(),
        null,
        at,
        at,
        new MailboxView.DomainRef(domain.id(), domain.name()),
        null,
        null,
        null,
        null);
  }

  /** A 202 body: the object as it will be (if any) and the operation to poll. */
  static Map<String, Object> pending(String member, Object value, Object operation) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (member != null) {
      body.put(member, value);
    }
    body.put("operation", operation);
    return body;
  }

  @Override
  public Optional<Mono<ApiResponse>> of(Caller caller, SpecificRecord event, String path) {
    if (event instanceof MailboxCreated created) {
      return Optional.of(
          readBack(caller, created.getMailboxId())
              .map(m -> ApiResponse.created(Map.of("mailbox", m))));
    }
    if (event instanceof MailboxUpdated updated) {
      return Optional.of(
          readBack(caller, updated.getMailboxId()).map(m -> ApiResponse.ok(Map.of("mailbox", m))));
    }
    if (event instanceof PasswordChanged || event instanceof MailboxDeleted) {
      return Optional.of(Mono.just(ApiResponse.ok(Map.of("success", true))));
    }
    return Optional.empty();
  }
}
