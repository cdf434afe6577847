package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.provisioner.team.TeamUsage;
import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.MailboxCreated;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;

/**
 * The state a run of creates is decided on as a set: what every event of the run reads, fetched
 * once per kind of read before the first decision ({@link Wanted}), with each decision's saves laid
 * over it, so that the n-th event sees exactly what it would read from the database after the n-1
 * before it were written one by one. The rules and {@link Provisioning#apply} are the same; only
 * where a {@link Snapshot} comes from differs. An import of 10,000 rows then costs a handful of
 * reads and one insert per table per batch instead of six statements per row.
 *
 * <p>Only creates take part ({@link #takes}): their reads are all keyed lookups that a set query
 * answers, and their changes only add rows, so the overlay needs no counting query (how many live
 * users a domain has) and no name lookups. Everything else is applied one by one, between runs.
 */
public final class CreateRun {
  private final Map<Long, Domain> domains;
  private final Map<Long, Mailbox> mailboxes;
  private final Map<Long, Alias> aliases;
  private final Set<String> mailboxPublicIds;
  private final Set<String> aliasPublicIds;
  private final Map<Address, Mailbox> liveMailboxesAt;
  private final Map<Address, Alias> liveAliasesAt;
  private final Map<Long, TeamUsage> usage;

  /** Mailbox ids no row had before the run: no alias outside the run can point to them. */
  private final Set<Long> newMailboxIds = new HashSet<>();

  private CreateRun(Wanted wanted, Loaded loaded) {
    domains = byId(loaded.domains(), Domain::id);
    mailboxes = byId(loaded.mailboxes(), Mailbox::id);
    aliases = byId(loaded.aliases(), Alias::id);
    mailboxPublicIds = new HashSet<>(loaded.takenMailboxPublicIds());
    aliasPublicIds = new HashSet<>(loaded.takenAliasPublicIds());
    liveMailboxesAt = new HashMap<>();
    for (Mailbox m : loaded.liveMailboxesAt()) {
      liveMailboxesAt.put(new Address(m.domainId(), m.localPart()), m);
    }
    liveAliasesAt = new HashMap<>();
    for (Alias a : loaded.liveAliasesAt()) {
      liveAliasesAt.put(new Address(a.domainId(), a.localPart()), a);
    }
    usage = new HashMap<>(loaded.usage());
    for (long id : wanted.mailboxIds()) {
      if (!mailboxes.containsKey(id)) {
        newMailboxIds.add(id);
      }
    }
  }

  /** Whether the event can be decided in a run: a create of a mailbox or an alias. */
  public static boolean takes(SpecificRecord event) {
    return event instanceof MailboxCreated || event instanceof AliasCreated;
  }

  /** An address in a domain: where at most one live mailbox or alias may be. */
  public record Address(long domainId, String localPart) {}

  /**
   * Everything the run's events read, by kind: one set query each. Teams are in id order, the order
   * their usage rows are locked in, so two runs that lock the same teams cannot deadlock.
   */
  public record Wanted(
      Set<Long> domainIds,
      Set<Long> mailboxIds,
      Set<Long> aliasIds,
      Set<String> mailboxPublicIds,
      Set<String> aliasPublicIds,
      Set<Address> addresses,
      Set<Long> teams) {

    /**
     * @throws IllegalArgumentException if an event is not one a run {@link #takes}
     */
    public static Wanted by(Collection<? extends SpecificRecord> events) {
      Set<Long> domainIds = new LinkedHashSet<>();
      Set<Long> mailboxIds = new LinkedHashSet<>();
      Set<Long> aliasIds = new LinkedHashSet<>();
      Set<String> mailboxPublicIds = new LinkedHashSet<>();
      Set<String> aliasPublicIds = new LinkedHashSet<>();
      Set<Address> addresses = new LinkedHashSet<>();
      Set<Long> teams = new TreeSet<>();
      for (SpecificRecord event : events) {
        if (!takes(event)) {
          throw new IllegalArgumentException("not a create: " + event.getClass().getSimpleName());
        }
        for (Read read : Provisioning.reads(event)) {
          if (read instanceof Read.DomainById r) {
            domainIds.add(r.domainId());
          } else if (read instanceof Read.MailboxById r) {
            mailboxIds.add(r.mailboxId());
          } else if (read instanceof Read.AliasById r) {
            aliasIds.add(r.aliasId());
          } else if (read instanceof Read.PublicIdTaken r) {
            (r.table() == Read.Table.MAILBOX ? mailboxPublicIds : aliasPublicIds).add(r.publicId());
          } else if (read instanceof Read.LiveAtAddress r) {
            addresses.add(new Address(r.domainId(), r.localPart()));
          } else if (read instanceof Read.TeamUsageOf r) {
            teams.add(r.teamId());
          } else {
            throw new IllegalArgumentException("a run cannot read " + read);
          }
        }
      }
      return new Wanted(
          domainIds, mailboxIds, aliasIds, mailboxPublicIds, aliasPublicIds, addresses, teams);
    }
  }

  /**
   * What the database answered for {@link Wanted}, before the run's first write: the rows found
   * (absent ones are simply missing), the public ids already used, the live mailboxes and aliases
   * at the wanted addresses, and the locked usage of each wanted team.
   */
  public record Loaded(
      List<Domain> domains,
      List<Mailbox> mailboxes,
      List<Alias> aliases,
      Set<String> takenMailboxPublicIds,
      Set<String> takenAliasPublicIds,
      List<Mailbox> liveMailboxesAt,
      List<Alias> liveAliasesAt,
      Map<Long, TeamUsage> usage) {}

  public static CreateRun over(Wanted wanted, Loaded loaded) {
    return new CreateRun(wanted, loaded);
  }

  /** What the event's rule would load now, from the loaded rows and the run's saves so far. */
  public Snapshot snapshotFor(SpecificRecord event) {
    Snapshot.Builder snapshot = Snapshot.builder();
    for (Read read : Provisioning.reads(event)) {
      if (read instanceof Read.DomainById r) {
        Optional.ofNullable(domains.get(r.domainId())).ifPresent(snapshot::domain);
      } else if (read instanceof Read.MailboxById r) {
        Optional.ofNullable(mailboxes.get(r.mailboxId())).ifPresent(snapshot::mailbox);
      } else if (read instanceof Read.AliasById r) {
        Optional.ofNullable(aliases.get(r.aliasId())).ifPresent(snapshot::alias);
      } else if (read instanceof Read.PublicIdTaken r) {
        snapshot.publicIdTaken(
            (r.table() == Read.Table.MAILBOX ? mailboxPublicIds : aliasPublicIds)
                .contains(r.publicId()));
      } else if (read instanceof Read.LiveAtAddress r) {
        Address at = new Address(r.domainId(), r.localPart());
        Optional.ofNullable(liveMailboxesAt.get(at)).ifPresent(snapshot::liveMailboxAtAddress);
        Optional.ofNullable(liveAliasesAt.get(at)).ifPresent(snapshot::liveAliasAtAddress);
      } else if (read instanceof Read.TeamUsageOf r) {
        snapshot.usage(requireUsage(r.teamId()));
      } else {
        throw new IllegalArgumentException("a run cannot read " + read);
      }
    }
    return snapshot.build();
  }

  /**
   * Lays an applied decision's saves over the state, as the database (its triggers included) would
   * hold them once written; a rejection changes nothing.
   */
  public void record(Decision decision) {
    if (!(decision instanceof Decision.Applied applied)) {
      return;
    }
    for (Change change : applied.changes()) {
      if (change instanceof Change.SaveMailbox c) {
        saveMailbox(c.mailbox());
      } else if (change instanceof Change.SaveAlias c) {
        saveAlias(c.alias());
      } else {
        throw new IllegalStateException("a run cannot write " + change);
      }
    }
  }

  /** The mailbox with this id as the run has it now, if the run read or wrote it. */
  public Optional<Mailbox> mailbox(long id) {
    return Optional.ofNullable(mailboxes.get(id));
  }

  /**
   * The live aliases, in id order, of a mailbox created in this run: only the run's own aliases can
   * point to it (a row read from the database cannot name a mailbox that did not exist), so the
   * aliases the run holds are all there are.
   *
   * @throws IllegalStateException for a mailbox that existed before the run
   */
  public List<Alias> liveAliasesTo(long mailboxId) {
    if (!newMailboxIds.contains(mailboxId)) {
      throw new IllegalStateException("mailbox " + mailboxId + " was not created in this run");
    }
    List<Alias> live = new ArrayList<>();
    for (Alias a : aliases.values()) {
      if (a.isLive() && a.destinationMailboxId() == mailboxId) {
        live.add(a);
      }
    }
    live.sort(Comparator.comparingLong(Alias::id));
    return live;
  }

  private void saveMailbox(Mailbox saved) {
    Mailbox before = mailboxes.put(saved.id(), saved);
    mailboxPublicIds.add(saved.publicId());
    if (before != null && before.isLive()) {
      liveMailboxesAt.remove(new Address(before.domainId(), before.localPart()), before);
    }
    if (saved.isLive()) {
      liveMailboxesAt.put(new Address(saved.domainId(), saved.localPart()), saved);
    }
    count(saved.teamId(), live(before) - live(saved), 0);
  }

  private void saveAlias(Alias saved) {
    Alias before = aliases.put(saved.id(), saved);
    aliasPublicIds.add(saved.publicId());
    if (before != null && before.isLive()) {
      liveAliasesAt.remove(new Address(before.domainId(), before.localPart()), before);
    }
    if (saved.isLive()) {
      liveAliasesAt.put(new Address(saved.domainId(), saved.localPart()), saved);
    }
    count(saved.teamId(), 0, live(before) - live(saved));
  }

  private static int live(Mailbox m) {
    return m != null && m.isLive() ? 1 : 0;
  }

  private static int live(Alias a) {
    return a != null && a.isLive() ? 1 : 0;
  }

  /** As the database's usage triggers count: only teams whose row the run locked are read. */
  private void count(long team, int mailboxesGone, int aliasesGone) {
    TeamUsage u = usage.get(team);
    if (u != null) {
      usage.put(
          team,
          new TeamUsage(
              u.domains(),
              u.pendingDomains(),
              u.mailboxes() - mailboxesGone,
              u.aliases() - aliasesGone));
    }
  }

  private TeamUsage requireUsage(long team) {
    TeamUsage u = usage.get(team);
    if (u == null) {
      throw new IllegalStateException("team " + team + "'s usage was not loaded for the run");
    }
    return u;
  }

  private static <T> Map<Long, T> byId(List<T> rows, java.util.function.ToLongFunction<T> id) {
    Map<Long, T> byId = new HashMap<>();
    for (T row : rows) {
      byId.put(id.applyAsLong(row), row);
    }
    return byId;
  }
}
