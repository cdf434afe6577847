package dev.poststack.api.alias;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.domain.DomainRow;
import dev.poststack.api.domain.DomainService;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.Timestamps;
import dev.poststack.api.limit.TeamQuotas;
import dev.poststack.api.mailbox.MailboxQueries;
import dev.poststack.api.mailbox.MailboxView;
import dev.poststack.api.outcome.AppliedAnswer;
import dev.poststack.api.outcome.Submissions;
import dev.poststack.api.problem.ApiException;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.schemas.RequestId;
import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.AliasDeleted;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.address.LocalPart;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Alias writes: the destination must be a live mailbox of the team, the address free. */
@Component
class AliasService implements AppliedAnswer {
  private final AliasQueries aliases;
  private final MailboxQueries mailboxes;
  private final DomainService domains;
  private final TeamQuotas quotas;
  private final Submissions submissions;
  private final Clock clock;

  AliasService(
      AliasQueries aliases,
      MailboxQueries mailboxes,
      DomainService domains,
      TeamQuotas quotas,
      Submissions submissions,
      Clock clock) {
    this.aliases = aliases;
    this.mailboxes = mailboxes;
    this.domains = domains;
    this.quotas = quotas;
    this.submissions = submissions;
    this.clock = clock;
  }

  Mono<ApiResponse> create(
      Caller caller,
      IdRef domainRef,
      LocalPart localPart,
      IdRef destinationRef,
      RequestId requestId) {
    caller.requireWrite();
    // the domain first, then the destination: the answer for a request with two bad ids is stable
    return domains
        .requireUsableForAddresses(caller, domainRef)
        .flatMap(
            d ->
                destination(caller, destinationRef).map(m -> reactor.util.function.Tuples.of(d, m)))
        .flatMap(
            t -> {
              DomainRow domain = t.getT1();
              MailboxView destination = t.getT2();
              EmailAddress address = address(localPart, domain);
              return mailboxes
                  .addressTaken(domain.id(), localPart.value())
                  .flatMap(
                      taken ->
                          taken
                              ? Mono.error(
                                  new ApiException(
                                      HttpStatus.CONFLICT,
                                      "address_taken",
                                      address + " is already a mailbox or alias"))
                              : quotas
                                  .of(caller.teamId())
                                  .map(standing -> standing.require(TeamLimit.ALIASES)))
                  .zipWhen(limit -> aliases.nextId())
                  .flatMap(
                      limitAndId -> {
                        long id = limitAndId.getT2();
                        AliasCreated event =
                            AliasCreated.newBuilder()
                                .setEnvelope(caller.envelope(requestId, clock))
                                .setAliasId(id)
                                .setPublicId(PublicIds.alias())
                                .setDomainId(domain.id())
                                .setLocalPart(localPart.value())
                                .setDestinationMailboxId(destination.id())
                                .setAliasLimit(limitAndId.getT1())
                                .build();
                        AliasView pending =
                            new AliasView(
                                id,
                                event.getPublicId(),
                                caller.teamId(),
                                domain.id(),
                                address.value(),
                                destination.id(),
                                Timestamps.format(event.getEnvelope().getOccurredAt()));
                        return submissions.answer(
                            event,
                            () ->
                                readBack(caller, id)
                                    .map(a -> ApiResponse.created(Map.of("alias", a))),
                            op -> {
                              Map<String, Object> body = new LinkedHashMap<>();
                              body.put("alias", pending);
                              body.put("operation", op);
                              return body;
                            });
                      });
            });
  }

  Mono<ApiResponse> delete(Caller caller, IdRef ref, RequestId requestId) {
    caller.requireWrite();
    return aliases
        .find(caller.teamId(), ref)
        .switchIfEmpty(
            Mono.error(
                new ApiException(HttpStatus.NOT_FOUND, "alias_not_found", "alias not found")))
        .flatMap(
            alias -> {
              caller.requireDomain(alias.domainId());
              AliasDeleted event =
                  AliasDeleted.newBuilder()
                      .setEnvelope(caller.envelope(requestId, clock))
                      .setAliasId(alias.id())
                      .setDomainId(alias.domainId())
                      .build();
              return submissions.answer(
                  event,
                  () -> Mono.just(ApiResponse.ok(Map.of("success", true))),
                  op -> Map.of("operation", op));
            });
  }

  /** The destination: a live mailbox of this team (another team's reads as absent: 404). */
  private Mono<MailboxView> destination(Caller caller, IdRef ref) {
    return mailboxes
        .find(caller.teamId(), ref)
        .filter(m -> !m.deleted())
        .switchIfEmpty(
            Mono.error(
                new ApiException(
                    HttpStatus.NOT_FOUND,
                    "destination_not_found",
                    "destination mailbox not found")))
        .doOnNext(m -> caller.requireDomain(m.domainId()));
  }

  private Mono<AliasView> readBack(Caller caller, long id) {
    return aliases
        .find(caller.teamId(), IdRef.of(id))
        .switchIfEmpty(Mono.error(ApiException.notFound("alias")));
  }

  private static EmailAddress address(LocalPart localPart, DomainRow domain) {
    try {
      return new EmailAddress(localPart, DomainName.of(domain.name()));
    } catch (InvalidValueException e) {
      throw ApiException.validation("localPart", e.reason());
    }
  }

  @Override
  public Optional<Mono<ApiResponse>> of(Caller caller, SpecificRecord event, String path) {
    if (event instanceof AliasCreated created) {
      return Optional.of(
          readBack(caller, created.getAliasId()).map(a -> ApiResponse.created(Map.of("alias", a))));
    }
    if (event instanceof AliasDeleted) {
      return Optional.of(Mono.just(ApiResponse.ok(Map.of("success", true))));
    }
    return Optional.empty();
  }
}
