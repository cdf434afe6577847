package dev.poststack.provisioner.host;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.alias.AliasStore;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.domain.DomainStore;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.provisioner.mailbox.MailboxStore;
import dev.poststack.provisioner.rules.Change;
import dev.poststack.provisioner.rules.Decision;
import dev.poststack.renderer.host.EntryKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The apply transaction's host-entries step: after an applied decision's rows are written, read the
 * few rows its entries depend on and compute the entry changes ({@link HostEntryChanges}, pure) for
 * the caller to put in the outbox. A rejected decision changes nothing and enqueues nothing.
 */
@Component
public class HostEntryPublication {
  private final DomainStore domains;
  private final MailboxStore mailboxes;
  private final AliasStore aliases;

  public HostEntryPublication(DomainStore domains, MailboxStore mailboxes, AliasStore aliases) {
    this.domains = domains;
    this.mailboxes = mailboxes;
    this.aliases = aliases;
  }

  /**
   * The outbox rows of an applied decision: its entry changes, computed from the state right after
   * its rows were written (so before any later event of the same batch changes it), each with the
   * event and, for a mailbox's or alias's own entry, that object; empty for a rejection. The caller
   * puts them in the outbox, in event order, within the same transaction.
   */
  public Mono<List<HostEntryOutbox.Row>> rowsFor(Decision decision, UUID eventId) {
    if (!(decision instanceof Decision.Applied applied)) {
      return Mono.just(List.of());
    }
    return afterChange(Needs.of(applied.changes())).map(after -> rows(applied, eventId, after));
  }

  /**
   * {@link #rowsFor(Decision, UUID)} for a decision of a run of creates, whose state is in memory:
   * the destination mailboxes and live aliases come from {@code mailbox} and {@code liveAliasesTo}
   * instead of the database.
   */
  public static List<HostEntryOutbox.Row> rowsFor(
      Decision decision,
      UUID eventId,
      LongFunction<Optional<Mailbox>> mailbox,
      LongFunction<List<Alias>> liveAliasesTo) {
    if (!(decision instanceof Decision.Applied applied)) {
      return List.of();
    }
    Needs needs = Needs.of(applied.changes());
    if (!needs.inactiveDomains().isEmpty()) {
      throw new IllegalStateException("a domain change is not decided in memory");
    }
    Map<Long, Mailbox> destinations = new HashMap<>();
    needs.destinationIds().forEach(id -> mailbox.apply(id).ifPresent(m -> destinations.put(id, m)));
    Map<Long, List<Alias>> liveAliases = new HashMap<>();
    needs.changedMailboxIds().forEach(id -> liveAliases.put(id, liveAliasesTo.apply(id)));
    return rows(applied, eventId, new AfterChange(destinations, liveAliases));
  }

  private static List<HostEntryOutbox.Row> rows(
      Decision.Applied applied, UUID eventId, AfterChange after) {
    Map<EntryKey, EntryOwner> owners = HostEntryChanges.owners(applied.changes(), after);
    return HostEntryChanges.of(applied.changes(), after).stream()
        .map(c -> new HostEntryOutbox.Row(c, eventId, owners.get(c.key())))
        .toList();
  }

  /** The rows beyond the changed ones that a decision's entries depend on. */
  private record Needs(
      Set<Long> changedMailboxIds, Set<Long> destinationIds, List<Domain> inactiveDomains) {
    static Needs of(List<Change> changes) {
      Set<Long> changedMailboxIds = new LinkedHashSet<>();
      Set<Long> destinationIds = new LinkedHashSet<>();
      List<Domain> inactiveDomains = new ArrayList<>();
      for (Change change : changes) {
        if (change instanceof Change.SaveDomain c && !RenderedObjects.domain(c.domain()).active()) {
          inactiveDomains.add(c.domain());
        } else if (change instanceof Change.SaveMailbox c) {
          changedMailboxIds.add(c.mailbox().id());
        } else if (change instanceof Change.SaveAlias c) {
          destinationIds.add(c.alias().destinationMailboxId());
        }
      }
      destinationIds.removeAll(changedMailboxIds);
      return new Needs(changedMailboxIds, destinationIds, inactiveDomains);
    }
  }

  private Mono<AfterChange> afterChange(Needs needs) {
    Map<Long, Mailbox> destinations = new HashMap<>();
    Map<Long, List<Alias>> liveAliases = new HashMap<>();
    Mono<Void> loadDestinations =
        Flux.fromIterable(needs.destinationIds())
            .concatMap(id -> mailboxes.findById(id).doOnNext(m -> destinations.put(id, m)))
            .then();
    Mono<Void> loadAliases =
        Flux.fromIterable(needs.changedMailboxIds())
            .concatMap(
                id -> aliases.findLiveTo(id).collectList().doOnNext(l -> liveAliases.put(id, l)))
            .then();
    // an active domain is the name's one verified owner; only an inactive one can meet another
    Set<Long> verifiedElsewhere = new HashSet<>();
    Mono<Void> loadOwners =
        Flux.fromIterable(needs.inactiveDomains())
            .concatMap(
                d ->
                    domains
                        .nameVerifiedElsewhere(d.id(), d.name())
                        .filter(Boolean::booleanValue)
                        .doOnNext(yes -> verifiedElsewhere.add(d.id())))
            .then();
    return loadDestinations
        .then(loadAliases)
        .then(loadOwners)
        .then(
            Mono.fromSupplier(() -> new AfterChange(destinations, liveAliases, verifiedElsewhere)));
  }
}
