package dev.poststack.provisioner.app;

import dev.poststack.provisioner.alias.AliasStore;
import dev.poststack.provisioner.dkim.DkimKeyStore;
import dev.poststack.provisioner.domain.DomainStore;
import dev.poststack.provisioner.mailbox.MailboxStore;
import dev.poststack.provisioner.rules.Provisioning;
import dev.poststack.provisioner.rules.Read;
import dev.poststack.provisioner.rules.Snapshot;
import dev.poststack.provisioner.team.TeamUsageStore;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads what the event's rule reads ({@link Provisioning#reads}), one query after another in the
 * open transaction. Knows the kinds of read, not the events: a new event adds no code here.
 */
@Component
class SnapshotLoader {
  private final DomainStore domains;
  private final MailboxStore mailboxes;
  private final AliasStore aliases;
  private final TeamUsageStore usage;
  private final DkimKeyStore dkimKeys;

  SnapshotLoader(
      DomainStore domains,
      MailboxStore mailboxes,
      AliasStore aliases,
      TeamUsageStore usage,
      DkimKeyStore dkimKeys) {
    this.domains = domains;
    this.mailboxes = mailboxes;
    this.aliases = aliases;
    this.usage = usage;
    this.dkimKeys = dkimKeys;
  }

  /**
   * @throws dev.poststack.provisioner.rules.UnknownEventException for an event without a rule
   */
  Mono<Snapshot> load(SpecificRecord event) {
    Snapshot.Builder current = Snapshot.builder();
    return Flux.fromIterable(Provisioning.reads(event))
        .concatMap(read -> fetch(read, current))
        .then(Mono.fromSupplier(current::build));
  }

  private Mono<?> fetch(Read read, Snapshot.Builder into) {
    if (read instanceof Read.DomainById r) {
      return domains.findById(r.domainId()).doOnNext(into::domain);
    }
    if (read instanceof Read.LiveDomainsNamed r) {
      return domains.findLiveByName(r.name()).doOnNext(into::liveDomainNamed).then();
    }
    if (read instanceof Read.NameHolder r) {
      return domains.findNameHolder(r.name()).doOnNext(into::nameHolder);
    }
    if (read instanceof Read.OtherNameHolder r) {
      return domains.findOtherNameHolder(r.domainId()).doOnNext(into::nameHolder);
    }
    if (read instanceof Read.DkimKeysOf r) {
      return dkimKeys.findByDomain(r.domainId()).doOnNext(into::dkimKey).then();
    }
    if (read instanceof Read.TeamUsageOf r) {
      return usage.lockAndRead(r.teamId()).doOnNext(into::usage);
    }
    if (read instanceof Read.MailboxById r) {
      return mailboxes.findById(r.mailboxId()).doOnNext(into::mailbox);
    }
    if (read instanceof Read.AliasById r) {
      return aliases.findById(r.aliasId()).doOnNext(into::alias);
    }
    if (read instanceof Read.PublicIdTaken r) {
      return publicIdTaken(r).doOnNext(into::publicIdTaken);
    }
    if (read instanceof Read.LiveAtAddress r) {
      return mailboxes
          .findLiveAt(r.domainId(), r.localPart())
          .doOnNext(into::liveMailboxAtAddress)
          .then(aliases.findLiveAt(r.domainId(), r.localPart()).doOnNext(into::liveAliasAtAddress));
    }
    if (read instanceof Read.LiveAliasesTo r) {
      return aliases.findLiveTo(r.mailboxId()).doOnNext(into::liveAliasToMailbox).then();
    }
    if (read instanceof Read.LiveUsersOfDomain r) {
      return mailboxes
          .countLiveInDomain(r.domainId())
          .doOnNext(into::liveMailboxesInDomain)
          .then(aliases.countLiveInDomain(r.domainId()).doOnNext(into::liveAliasesInDomain));
    }
    throw new IllegalStateException("no loader for " + read);
  }

  private Mono<Boolean> publicIdTaken(Read.PublicIdTaken read) {
    return switch (read.table()) {
      case DOMAIN -> domains.publicIdTaken(read.publicId());
      case MAILBOX -> mailboxes.publicIdTaken(read.publicId());
      case ALIAS -> aliases.publicIdTaken(read.publicId());
    };
  }
}
