package dev.poststack.provisioner.app;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.alias.AliasStore;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.domain.DomainStore;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.provisioner.mailbox.MailboxStore;
import dev.poststack.provisioner.rules.CreateRun;
import dev.poststack.provisioner.team.TeamUsage;
import dev.poststack.provisioner.team.TeamUsageStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads what a run of creates reads ({@link CreateRun.Wanted}): one statement per kind of read, one
 * after another in the open transaction, however many events the run holds. The teams' usage rows
 * are locked first, in id order, as {@link SnapshotLoader} locks one per create.
 */
@Component
class RunLoader {
  private final DomainStore domains;
  private final MailboxStore mailboxes;
  private final AliasStore aliases;
  private final TeamUsageStore usage;
  private final DatabaseClient db;

  RunLoader(
      DomainStore domains,
      MailboxStore mailboxes,
      AliasStore aliases,
      TeamUsageStore usage,
      DatabaseClient db) {
    this.db = db;
    this.domains = domains;
    this.mailboxes = mailboxes;
    this.aliases = aliases;
    this.usage = usage;
  }

  Mono<CreateRun> load(CreateRun.Wanted wanted) {
    Long[] addressDomains =
        wanted.addresses().stream().map(CreateRun.Address::domainId).toArray(Long[]::new);
    String[] addressLocalParts =
        wanted.addresses().stream().map(CreateRun.Address::localPart).toArray(String[]::new);
    boolean anyAddress = addressDomains.length > 0;
    Parts parts = new Parts();
    // one connection serves the transaction, so the statements go one after the other anyway
    return customPlans()
        .then(usage.lockAndReadAll(wanted.teams()))
        .doOnNext(teams -> parts.usage = teams)
        .then(all(wanted.domainIds(), domains::findAllById).doOnNext(l -> parts.domains = l))
        .then(all(wanted.mailboxIds(), mailboxes::findAllById).doOnNext(l -> parts.mailboxes = l))
        .then(all(wanted.aliasIds(), aliases::findAllById).doOnNext(l -> parts.aliases = l))
        .then(
            taken(wanted.mailboxPublicIds(), mailboxes::takenPublicIds)
                .doOnNext(t -> parts.mailboxPublicIds = t))
        .then(
            taken(wanted.aliasPublicIds(), aliases::takenPublicIds)
                .doOnNext(t -> parts.aliasPublicIds = t))
        .then(
            anyAddress
                ? mailboxes
                    .findLiveAtAny(addressDomains, addressLocalParts)
                    .collectList()
                    .doOnNext(l -> parts.mailboxesAt = l)
                : Mono.empty())
        .then(
            anyAddress
                ? aliases
                    .findLiveAtAny(addressDomains, addressLocalParts)
                    .collectList()
                    .doOnNext(l -> parts.aliasesAt = l)
                : Mono.empty())
        .then(cachedPlans())
        .then(Mono.fromSupplier(() -> CreateRun.over(wanted, parts.loaded())));
  }

  /**
   * The run's set reads are planned for each run, with its arrays and the tables as they are now.
   * PostgreSQL otherwise keeps a statement's generic plan from its first executions on the
   * connection, typically made while the tables were nearly empty, until the tables are analyzed
   * (never, with autovacuum off): the address lookup kept a hash join over a scan of every mailbox,
   * 174 ms a run at 1M mailboxes (bench/run replay, pg_stat_statements). The run's writes go back
   * to cached plans ({@link #cachedPlans}): planning a 500-row insert anew each run cost more than
   * it saved (replay 15 % slower at 100k). Two statements per run, in its transaction only ({@code
   * RunPlansIT}).
   */
  private Mono<Void> customPlans() {
    return db.sql("set local plan_cache_mode = force_custom_plan").then();
  }

  private Mono<Void> cachedPlans() {
    return db.sql("set local plan_cache_mode = auto").then();
  }

  /** Filled statement by statement. */
  private static final class Parts {
    Map<Long, TeamUsage> usage = Map.of();
    List<Domain> domains = List.of();
    List<Mailbox> mailboxes = List.of();
    List<Alias> aliases = List.of();
    Set<String> mailboxPublicIds = Set.of();
    Set<String> aliasPublicIds = Set.of();
    List<Mailbox> mailboxesAt = List.of();
    List<Alias> aliasesAt = List.of();

    CreateRun.Loaded loaded() {
      return new CreateRun.Loaded(
          domains,
          mailboxes,
          aliases,
          mailboxPublicIds,
          aliasPublicIds,
          mailboxesAt,
          aliasesAt,
          usage);
    }
  }

  private static <T> Mono<List<T>> all(
      Collection<Long> ids, Function<Collection<Long>, Flux<T>> find) {
    return ids.isEmpty() ? Mono.just(List.of()) : find.apply(ids).collectList();
  }

  private static Mono<Set<String>> taken(
      Collection<String> publicIds, Function<Collection<String>, Mono<Set<String>>> find) {
    return publicIds.isEmpty() ? Mono.just(Set.of()) : find.apply(publicIds);
  }
}
