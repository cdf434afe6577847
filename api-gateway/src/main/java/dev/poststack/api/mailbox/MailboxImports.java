package dev.poststack.api.mailbox;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.domain.DomainQueries;
import dev.poststack.api.domain.DomainRow;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.JsonBody;
import dev.poststack.api.limit.TeamQuotas;
import dev.poststack.api.mailbox.ImportPlan.AliasCreate;
import dev.poststack.api.mailbox.ImportPlan.AliasExists;
import dev.poststack.api.mailbox.ImportPlan.AliasRefused;
import dev.poststack.api.mailbox.ImportPlan.AliasStep;
import dev.poststack.api.mailbox.ImportPlan.Compare;
import dev.poststack.api.mailbox.ImportPlan.Create;
import dev.poststack.api.mailbox.ImportPlan.Existing;
import dev.poststack.api.mailbox.ImportPlan.ExistingAlias;
import dev.poststack.api.mailbox.ImportPlan.Known;
import dev.poststack.api.mailbox.ImportPlan.Refused;
import dev.poststack.api.mailbox.ImportPlan.Step;
import dev.poststack.api.mailbox.ImportRows.Refusal;
import dev.poststack.api.mailbox.ImportRows.Row;
import dev.poststack.api.outcome.EventJournal;
import dev.poststack.api.outcome.Outcome;
import dev.poststack.api.outcome.PendingOperation;
import dev.poststack.api.outcome.Submissions;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import dev.poststack.api.problem.FieldError;
import dev.poststack.api.work.WorkLimits;
import dev.poststack.api.work.WorkPool;
import dev.poststack.api.work.WorkPools;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.schemas.RequestId;
import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.mailbox.PasswordHash;
import dev.poststack.values.mailbox.PasswordSchemes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * {@code POST /mailboxes/import}: many mailboxes (and their aliases) in one request, each row its
 * own event, audited and applied like a single create, and its own result: {@code created}, {@code
 * exists} (the same content is already there, so a rerun creates nothing twice), {@code refused}
 * with its reason, or {@code pending} with the operation to poll. The rows are read and decided
 * together ({@link ImportRows}, {@link ImportPlan}), hashed in the team's own line of the hash pool
 * a chunk at a time, published in batches, and their outcomes awaited together.
 */
@Component
public class MailboxImports {
  private static final Logger log = LoggerFactory.getLogger(MailboxImports.class);

  /**
   * Rows per hash-pool task: a few milliseconds of CPU, so other teams interleave, and well inside
   * the pool's time-out even before the JIT has compiled crypt (a cold hash costs tens of ms).
   */
  private static final int HASH_CHUNK = 4;

  /** Rows hashed, published and awaited together; two slices are under way at once. */
  private static final int SLICE = 250;

  /** About a minute of backing off (up to 2 s a time) before a busy hash pool fails the import. */
  private static final int BUSY_RETRIES = 40;

  private final DomainQueries domains;
  private final ImportQueries queries;
  private final PasswordHasher hasher;
  private final WorkPool hashing;
  private final TeamQuotas quotas;
  private final Submissions submissions;
  private final Clock clock;
  private final Duration outcomeTimeout;
  private final PasswordSchemes hashSchemes;
  private final ImportClaims claims;

  public MailboxImports(
      DomainQueries domains,
      ImportQueries queries,
      PasswordHasher hasher,
      WorkPools work,
      TeamQuotas quotas,
      Submissions submissions,
      Clock clock,
      ApiProperties properties,
      ImportClaims claims) {
    this.claims = claims;
    this.domains = domains;
    this.queries = queries;
    this.hasher = hasher;
    this.hashing = work.hashing();
    this.quotas = quotas;
    this.submissions = submissions;
    this.clock = clock;
    this.outcomeTimeout = properties.imports().outcomeTimeout();
    this.hashSchemes =
        PasswordSchemes.parse(
            properties.imports().hashSchemes(), PasswordSchemes.DEFAULT_MAX_ROUNDS);
  }

  Mono<ApiResponse> run(Caller caller, JsonBody body, RequestId requestId) {
    caller.requireWrite();
    List<Row> rows = ImportRows.read(body, hashSchemes);
    long team = caller.teamId();
    UUID token = UUID.randomUUID();
    return claims
        .claim(team, token)
        .flatMap(
            claimed -> {
              if (!claimed) {
                return Mono.error(
                    new ApiException(
                        HttpStatus.CONFLICT,
                        "import_in_progress",
                        "another import of this team is running; retry when it has answered"));
              }
              Disposable heartbeat =
                  Flux.interval(ImportClaims.HEARTBEAT, ImportClaims.HEARTBEAT)
                      // a failed beat is tried again at the next tick
                      .concatMap(t -> claims.beat(team, token).onErrorResume(e -> Mono.empty()))
                      .subscribe();
              return importRows(caller, rows, requestId)
                  .doFinally(
                      s -> {
                        heartbeat.dispose();
                        // a release that fails leaves the claim to go stale within a minute
                        claims
                            .release(team, token)
                            .subscribe(
                                null,
                                e -> log.warn("import claim of team {} not released: {}", team, e));
                      });
            })
        // the rows' events are not journaled for an Idempotency-Key retry: a rerun finds them
        .contextWrite(context -> context.delete(EventJournal.class));
  }

  private Mono<ApiResponse> importRows(Caller caller, List<Row> rows, RequestId requestId) {
    long team = caller.teamId();
    Set<String> addresses = new LinkedHashSet<>();
    for (Row row : rows) {
      if (row.wanted() != null) {
        addresses.add(row.wanted().address().value());
        row.wanted().aliases().forEach(a -> addresses.add(a.value()));
      }
    }
    Mono<Known> known =
        Mono.zip(
                domains.allOfTeam(team).collectMap(DomainRow::name),
                queries.mailboxes(team, addresses).collectMap(Existing::address),
                queries.aliases(team, addresses).collectMap(ExistingAlias::address))
            .map(t -> new Known(t.getT1(), caller.domainScope(), t.getT2(), t.getT3()));
    return known.flatMap(
        k -> {
          List<Step> steps = ImportPlan.decide(rows, k);
          return quotas
              .of(team)
              .flatMap(
                  quota -> {
                    Function<TeamLimit, Long> limits = quota.limits()::of;
                    // slice by slice, two at a time: while one slice's events are applied, the
                    // next one's passwords are hashed, so an import costs about the larger of
                    // the two rather than their sum
                    return Flux.fromIterable(steps)
                        .buffer(SLICE)
                        .flatMapSequential(
                            slice ->
                                passwords(team, slice)
                                    .flatMap(
                                        hashed ->
                                            mailboxes(caller, requestId, slice, hashed, limits)),
                            2)
                        .collect(
                            LinkedHashMap<Integer, RowResult>::new, (all, some) -> all.putAll(some))
                        .flatMap(results -> aliases(caller, requestId, steps, results, limits));
                  });
        });
  }

  /**
   * Hashes the rows' passwords and matches rows with the mailbox at their address, off the loop.
   */
  private Mono<Map<Integer, Object>> passwords(long team, List<Step> steps) {
    List<Step> work =
        steps.stream()
            .filter(s -> s instanceof Create c && c.wanted().hash() == null || s instanceof Compare)
            .toList();
    // one task more than the threads the team may run (all of them when the pool lends its idle
    // ones), so its line never runs dry between tasks
    WorkLimits limits = hashing.limits();
    int inFlight = (limits.lendsIdleThreads() ? limits.threads() : limits.perTeamThreads()) + 1;
    return Flux.fromIterable(work)
        .buffer(HASH_CHUNK)
        .flatMapSequential(
            chunk ->
                hashing
                    .runBulk(team, () -> hashOrMatch(chunk))
                    // a bulk job waits its turn: a pool busy with other teams' work (503 *_busy)
                    // delays the import instead of failing rows already decided
                    .retryWhen(
                        Retry.backoff(BUSY_RETRIES, Duration.ofMillis(100))
                            .maxBackoff(Duration.ofSeconds(2))
                            .filter(MailboxImports::busy)
                            .onRetryExhaustedThrow((spec, signal) -> signal.failure())),
            inFlight)
        .collect(HashMap::new, Map::putAll);
  }

  private static boolean busy(Throwable e) {
    return e instanceof ApiException a
        && a.status() == HttpStatus.SERVICE_UNAVAILABLE
        && a.code().endsWith("_busy");
  }

  private Map<Integer, Object> hashOrMatch(List<Step> chunk) {
    Map<Integer, Object> done = new HashMap<>();
    for (Step step : chunk) {
      if (step instanceof Create c) {
        done.put(c.number(), hasher.hash(c.wanted().password()));
      } else if (step instanceof Compare c) {
        done.put(c.number(), StoredPasswords.matches(c.wanted(), c.existing().passwordHash()));
      }
    }
    return done;
  }

  /** Each row's mailbox result, by row number; creates published and awaited together. */
  private Mono<Map<Integer, RowResult>> mailboxes(
      Caller caller,
      RequestId requestId,
      List<Step> steps,
      Map<Integer, Object> passwords,
      Function<TeamLimit, Long> limits) {
    Map<Integer, RowResult> results = new LinkedHashMap<>();
    List<Create> creates = new ArrayList<>();
    for (Step step : steps) {
      if (step instanceof Refused r) {
        results.put(r.number(), RowResult.refused(r.email(), r.refusal()));
      } else if (step instanceof Compare c) {
        results.put(c.number(), compared(c, (Boolean) passwords.get(c.number())));
      } else if (step instanceof Create c) {
        creates.add(c);
      }
    }
    if (creates.isEmpty()) {
      return Mono.just(results);
    }
    long limit = limits.apply(TeamLimit.MAILBOXES);
    return queries
        .mailboxIds(creates.size())
        .flatMap(
            ids -> {
              List<MailboxCreated> events = new ArrayList<>(creates.size());
              for (int i = 0; i < creates.size(); i++) {
                Create c = creates.get(i);
                PasswordHash hash =
                    c.wanted().hash() != null
                        ? c.wanted().hash()
                        : (PasswordHash) passwords.get(c.number());
                events.add(
                    MailboxService.created(
                        caller.envelope(requestId, clock),
                        ids.get(i),
                        c.domain().id(),
                        c.wanted().address().localPart(),
                        hash,
                        c.wanted().displayName(),
                        c.wanted().quota(),
                        c.wanted().webhookEnabled(),
                        limit));
              }
              return submissions
                  .submitAll(events, outcomeTimeout)
                  .flatMap(outcomes -> created(caller, creates, events, outcomes, results));
            });
  }

  /**
   * Results of the creates. A create refused because its address is taken may have lost to an
   * earlier run of the same import (its answer lost, its events applied): it is compared with what
   * is there now, so a rerun after a crash answers {@code exists}, not {@code refused}.
   */
  private Mono<Map<Integer, RowResult>> created(
      Caller caller,
      List<Create> creates,
      List<MailboxCreated> events,
      Map<UUID, Outcome> outcomes,
      Map<Integer, RowResult> results) {
    List<Create> taken = new ArrayList<>();
    for (int i = 0; i < creates.size(); i++) {
      Create c = creates.get(i);
      MailboxCreated e = events.get(i);
      Outcome outcome = outcomes.get(e.getEnvelope().getEventId());
      String email = c.wanted().address().value();
      if (outcome instanceof Outcome.Applied) {
        results.put(c.number(), RowResult.of("created", email, e.getMailboxId(), e.getPublicId()));
      } else if (outcome instanceof Outcome.Rejected r && "address_taken".equals(r.code())) {
        taken.add(c);
      } else if (outcome instanceof Outcome.Rejected r) {
        results.put(c.number(), RowResult.refused(email, Refusal.of(r.code(), r.message())));
      } else {
        results.put(
            c.number(),
            RowResult.of("pending", email, e.getMailboxId(), e.getPublicId())
                .withOperation(PendingOperation.of(outcome.eventId())));
      }
    }
    if (taken.isEmpty()) {
      return Mono.just(results);
    }
    List<String> addresses = taken.stream().map(c -> c.wanted().address().value()).toList();
    return queries
        .mailboxes(caller.teamId(), addresses)
        .collectMap(Existing::address)
        .flatMap(
            now -> {
              List<Step> again = new ArrayList<>();
              for (Create c : taken) {
                Existing there = now.get(c.wanted().address().value());
                if (there == null) {
                  results.put(
                      c.number(),
                      RowResult.refused(
                          c.wanted().address().value(),
                          Refusal.of(MailboxService.addressTaken(c.wanted().address()))));
                } else {
                  again.add(new Compare(c.number(), c.wanted(), there, c.aliases()));
                }
              }
              return passwords(caller.teamId(), again)
                  .map(
                      matches -> {
                        for (Step s : again) {
                          Compare c = (Compare) s;
                          results.put(c.number(), compared(c, (Boolean) matches.get(c.number())));
                        }
                        return results;
                      });
            });
  }

  private static RowResult compared(Compare c, boolean passwordMatches) {
    List<String> differ = ImportPlan.differences(c.wanted(), c.existing(), passwordMatches);
    String email = c.wanted().address().value();
    if (differ.isEmpty()) {
      return RowResult.of("exists", email, c.existing().id(), c.existing().publicId());
    }
    return RowResult.refused(
        email,
        Refusal.of(
            "address_taken",
            email + " is already a mailbox with another " + String.join(", ", differ)));
  }

  /**
   * The rows' aliases, once their mailbox is in (created now or already there): an alias on another
   * domain lives on another partition, so it is published only after its destination was applied.
   */
  private Mono<ApiResponse> aliases(
      Caller caller,
      RequestId requestId,
      List<Step> steps,
      Map<Integer, RowResult> results,
      Function<TeamLimit, Long> limits) {
    long limit = limits.apply(TeamLimit.ALIASES);
    List<AliasCreate> wanted = new ArrayList<>();
    List<Long> destinations = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (Step step : steps) {
      List<AliasStep> aliasSteps =
          step instanceof Create create
              ? create.aliases()
              : step instanceof Compare compare ? compare.aliases() : List.of();
      RowResult row = results.get(step.number());
      boolean mailboxIn = row.status().equals("created") || row.status().equals("exists");
      for (AliasStep a : aliasSteps) {
        if (!mailboxIn) {
          row.aliases()
              .add(
                  AliasResult.refused(
                      a.address(),
                      row.status().equals("pending")
                          ? Refusal.of(
                              "mailbox_pending",
                              "the row's mailbox is not applied yet; run the import again")
                          : Refusal.of(
                              "mailbox_not_imported", "the row's mailbox was not imported")));
          continue;
        }
        if (a instanceof AliasRefused r) {
          row.aliases().add(AliasResult.refused(r.address(), r.refusal()));
        } else if (a instanceof AliasExists e) {
          row.aliases()
              .add(
                  new AliasResult(
                      e.address().value(),
                      "exists",
                      e.alias().id(),
                      e.alias().publicId(),
                      null,
                      null));
        } else if (a instanceof AliasCreate c) {
          row.aliases().add(null); // filled below, in place
          wanted.add(c);
          destinations.add(row.mailboxId());
          owners.add(step.number());
        }
      }
    }
    if (wanted.isEmpty()) {
      return Mono.just(answer(results));
    }
    return queries
        .aliasIds(wanted.size())
        .flatMap(
            ids -> {
              List<AliasCreated> events = new ArrayList<>();
              for (int i = 0; i < wanted.size(); i++) {
                AliasCreate c = wanted.get(i);
                events.add(
                    AliasCreated.newBuilder()
                        .setEnvelope(caller.envelope(requestId, clock))
                        .setAliasId(ids.get(i))
                        .setPublicId(PublicIds.alias())
                        .setDomainId(c.domain().id())
                        .setLocalPart(c.address().localPart().value())
                        .setDestinationMailboxId(destinations.get(i))
                        .setAliasLimit(limit)
                        .build());
              }
              return submissions
                  .submitAll(events, outcomeTimeout)
                  .map(
                      outcomes -> {
                        for (int i = 0; i < events.size(); i++) {
                          AliasCreated e = events.get(i);
                          EmailAddress address = wanted.get(i).address();
                          List<AliasResult> list = results.get(owners.get(i)).aliases();
                          list.set(
                              list.indexOf(null),
                              AliasResult.of(
                                  address,
                                  e.getAliasId(),
                                  e.getPublicId(),
                                  outcomes.get(e.getEnvelope().getEventId())));
                        }
                        return answer(results);
                      });
            });
  }

  private static Map<Integer, RowResult> sorted(Map<Integer, RowResult> results) {
    return results.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private static ApiResponse answer(Map<Integer, RowResult> results) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rows", (long) results.size());
    for (String status : List.of("created", "exists", "refused", "pending")) {
      counts.put(status, 0L);
    }
    List<Map<String, Object>> data = new ArrayList<>(results.size());
    for (var entry : sorted(results).entrySet()) {
      RowResult r = entry.getValue();
      counts.merge(r.status(), 1L, Long::sum);
      data.add(r.json(entry.getKey()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", data);
    body.put("meta", counts);
    return ApiResponse.ok(body);
  }

  /** One row's result; its alias results are added as they are known. */
  record RowResult(
      String status,
      String email,
      Long mailboxId,
      String publicId,
      Refusal error,
      PendingOperation operation,
      List<AliasResult> aliases) {
    static RowResult of(String status, String email, long id, String publicId) {
      return new RowResult(status, email, id, publicId, null, null, new ArrayList<>());
    }

    static RowResult refused(String email, Refusal refusal) {
      return new RowResult("refused", email, null, null, refusal, null, new ArrayList<>());
    }

    RowResult withOperation(PendingOperation op) {
      return new RowResult(status, email, mailboxId, publicId, error, op, aliases);
    }

    Map<String, Object> json(int row) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("row", row);
      m.put("email", email);
      m.put("status", status);
      if (mailboxId != null) {
        m.put("mailbox", ids(mailboxId, publicId));
      }
      if (error != null) {
        m.put("error", errorJson(error));
      }
      if (operation != null) {
        m.put("operation", operation);
      }
      if (!aliases.isEmpty()) {
        m.put("aliases", aliases.stream().map(AliasResult::json).toList());
      }
      return m;
    }
  }

  record AliasResult(
      String email,
      String status,
      Long aliasId,
      String publicId,
      Refusal error,
      PendingOperation operation) {
    static AliasResult refused(EmailAddress address, Refusal refusal) {
      return new AliasResult(address.value(), "refused", null, null, refusal, null);
    }

    static AliasResult of(EmailAddress address, long id, String publicId, Outcome outcome) {
      if (outcome instanceof Outcome.Applied) {
        return new AliasResult(address.value(), "created", id, publicId, null, null);
      }
      if (outcome instanceof Outcome.Rejected r) {
        return refused(address, Refusal.of(r.code(), r.message()));
      }
      return new AliasResult(
          address.value(), "pending", id, publicId, null, PendingOperation.of(outcome.eventId()));
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("email", email);
      m.put("status", status);
      if (aliasId != null) {
        m.put("alias", ids(aliasId, publicId));
      }
      if (error != null) {
        m.put("error", errorJson(error));
      }
      if (operation != null) {
        m.put("operation", operation);
      }
      return m;
    }
  }

  /** {@code {id, publicId}} in that order: an answer's bytes are the same every time. */
  private static Map<String, Object> ids(long id, String publicId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("publicId", publicId);
    return m;
  }

  private static Map<String, Object> errorJson(Refusal refusal) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", refusal.code());
    m.put("message", refusal.message());
    if (refusal.errors() != null) {
      m.put(
          "errors",
          refusal.errors().stream().map(e -> new FieldError(e.field(), e.message())).toList());
    }
    return m;
  }
}
