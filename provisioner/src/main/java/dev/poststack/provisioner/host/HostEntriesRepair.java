package dev.poststack.provisioner.host;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.alias.AliasStore;
import dev.poststack.provisioner.dkim.DkimKeyStore;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.domain.DomainStore;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.provisioner.mailbox.MailboxStore;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.EntryKind;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Bootstrap and repair: renders the whole host-entry set from the state tables and enqueues what
 * the topic lacks ({@link RepairPlan}); with {@code all}, every entry, which rebuilds a lost topic.
 * The relay then publishes it like any other outbox row.
 *
 * <p>The transaction first takes an EXCLUSIVE lock on {@code host_entry_outbox}: apply transactions
 * that already wrote outbox rows have committed before the state is read (so the render includes
 * their changes), and those that have not yet block on their outbox insert until this commits (so
 * their newer rows get higher ids than the possibly older lines enqueued here). Without it, a
 * repair could enqueue a stale line after a fresh one.
 */
@Component
public class HostEntriesRepair {
  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final DomainStore domains;
  private final MailboxStore mailboxes;
  private final AliasStore aliases;
  private final HostEntryOutbox outbox;
  private final DkimKeyStore dkimKeys;

  public HostEntriesRepair(
      DatabaseClient db,
      TransactionalOperator tx,
      DomainStore domains,
      MailboxStore mailboxes,
      AliasStore aliases,
      HostEntryOutbox outbox,
      DkimKeyStore dkimKeys) {
    this.db = db;
    this.tx = tx;
    this.domains = domains;
    this.mailboxes = mailboxes;
    this.aliases = aliases;
    this.outbox = outbox;
    this.dkimKeys = dkimKeys;
  }

  /** The rows enqueued. */
  public Mono<Integer> enqueue(boolean all) {
    Mono<Integer> repair =
        db.sql("lock table host_entry_outbox in exclusive mode")
            .then()
            .then(renderWithOwners())
            .flatMap(
                rendered ->
                    lastEnqueued()
                        .map(last -> rendered.rows(RepairPlan.of(rendered.entries(), last, all))))
            .flatMap(outbox::enqueueAll);
    return tx.transactional(repair);
  }

  /** The host-entry set the current state renders to, sorted by key. */
  public Mono<List<HostEntry>> render() {
    return renderWithOwners().map(Rendered::entries);
  }

  /**
   * The render, and whose own entry each live mailbox's and alias's key is: a repaired entry moves
   * its object's propagation like any change of it (a key the repair removes has no live owner).
   */
  private Mono<Rendered> renderWithOwners() {
    // one query after another: inside a transaction they share one connection
    return domains
        .findAllLive()
        .collectList()
        .flatMap(
            d ->
                mailboxes
                    .findAllLive()
                    .collectList()
                    .flatMap(
                        m ->
                            aliases
                                .findAllLive()
                                .collectList()
                                .flatMap(
                                    a ->
                                        dkimKeys
                                            .findAllOnHosts()
                                            .collectList()
                                            .map(k -> Rendered.of(d, m, a, k)))));
  }

  /** A render and the owners of its mailbox and alias keys. */
  private record Rendered(List<HostEntry> entries, Map<EntryKey, EntryOwner> owners) {
    static Rendered of(
        List<Domain> domains,
        List<Mailbox> mailboxes,
        List<Alias> aliases,
        List<DkimKeyStore.Named> keys) {
      Map<EntryKey, EntryOwner> owners = new HashMap<>();
      mailboxes.forEach(
          m ->
              owners.put(
                  new EntryKey(EntryKind.MAILBOX, m.emailAddress()), EntryOwner.mailbox(m.id())));
      aliases.forEach(
          a ->
              owners.put(
                  new EntryKey(EntryKind.ALIAS, a.aliasAddress()), EntryOwner.alias(a.id())));
      java.util.TreeMap<EntryKey, HostEntry> sorted = new java.util.TreeMap<>();
      HostEntries.render(
              new HostState(
                  domains.stream().map(RenderedObjects::domain).toList(),
                  mailboxes.stream().map(RenderedObjects::mailbox).toList(),
                  aliases.stream().map(RenderedObjects::alias).toList()))
          .forEach(e -> sorted.put(e.key(), e));
      // keys of live verified domains only (the query's filter), each name held by one domain
      for (DkimKeyStore.Named k : keys) {
        HostEntries.changesOf(RenderedObjects.dkimKey(k.key(), k.domainName(), true), false)
            .forEach(c -> sorted.put(c.key(), ((EntryChange.Put) c).entry()));
      }
      return new Rendered(List.copyOf(sorted.values()), owners);
    }

    List<HostEntryOutbox.Row> rows(List<EntryChange> changes) {
      return changes.stream()
          .map(
              c ->
                  new HostEntryOutbox.Row(
                      c, null, c instanceof EntryChange.Put ? owners.get(c.key()) : null))
          .toList();
    }
  }

  /** Per key: the hash of its latest enqueued line (pending outbox row, else last published). */
  private Mono<Map<String, String>> lastEnqueued() {
    Map<String, String> last = new HashMap<>();
    Mono<Void> published =
        db.sql("select entry_key, line_sha256 from host_entry_position")
            .map(row -> new String[] {row.get(0, String.class), row.get(1, String.class)})
            .all()
            .doOnNext(r -> last.put(r[0], r[1]))
            .then();
    Mono<Void> pending =
        db.sql(
                "select distinct on (entry_key) entry_key, line from host_entry_outbox where"
                    + " published_at is null order by entry_key, id desc")
            .map(row -> new String[] {row.get(0, String.class), row.get(1, String.class)})
            .all()
            .doOnNext(r -> last.put(r[0], LineDigest.sha256Hex(r[1])))
            .then();
    return published.then(pending).thenReturn(last);
  }
}
