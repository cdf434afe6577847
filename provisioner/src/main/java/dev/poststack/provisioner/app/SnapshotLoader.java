package dev.poststack.provisioner.app;

import dev.poststack.provisioner.Snapshot;
import dev.poststack.provisioner.alias.AliasStore;
import dev.poststack.provisioner.domain.DomainStore;
import dev.poststack.provisioner.mailbox.MailboxStore;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.AliasDeleted;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainDeleted;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.schemas.event.MailboxDeleted;
import dev.poststack.schemas.event.MailboxUpdated;
import dev.poststack.schemas.event.PasswordChanged;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Loads the rows one event's decision needs, one query after another in the open transaction. */
@Component
class SnapshotLoader {
  private final DomainStore domains;
  private final MailboxStore mailboxes;
  private final AliasStore aliases;

  SnapshotLoader(DomainStore domains, MailboxStore mailboxes, AliasStore aliases) {
    this.domains = domains;
    this.mailboxes = mailboxes;
    this.aliases = aliases;
  }

  Mono<Snapshot> load(SpecificRecord event) {
    Snapshot.Builder current = Snapshot.builder();
    long domainId = Events.domainId(event);
    List<Mono<?>> queries = new ArrayList<>();
    queries.add(domains.findById(domainId).doOnNext(current::domain));
    if (event instanceof DomainCreated e) {
      queries.add(domains.findLiveByName(e.getName()).doOnNext(current::liveDomainNamed));
      queries.add(domains.publicIdTaken(e.getPublicId()).doOnNext(current::publicIdTaken));
    } else if (event instanceof DomainDeleted) {
      queries.add(mailboxes.countLiveInDomain(domainId).doOnNext(current::liveMailboxesInDomain));
      queries.add(aliases.countLiveInDomain(domainId).doOnNext(current::liveAliasesInDomain));
    } else if (event instanceof MailboxCreated e) {
      queries.add(mailboxes.findById(e.getMailboxId()).doOnNext(current::mailbox));
      queries.add(mailboxes.publicIdTaken(e.getPublicId()).doOnNext(current::publicIdTaken));
      queries.addAll(address(domainId, e.getLocalPart(), current));
    } else if (event instanceof MailboxUpdated e) {
      queries.add(mailboxes.findById(e.getMailboxId()).doOnNext(current::mailbox));
    } else if (event instanceof PasswordChanged e) {
      queries.add(mailboxes.findById(e.getMailboxId()).doOnNext(current::mailbox));
    } else if (event instanceof MailboxDeleted e) {
      queries.add(mailboxes.findById(e.getMailboxId()).doOnNext(current::mailbox));
      queries.add(aliases.findLiveTo(e.getMailboxId()).doOnNext(current::liveAliasToMailbox).then());
    } else if (event instanceof AliasCreated e) {
      queries.add(aliases.findById(e.getAliasId()).doOnNext(current::alias));
      queries.add(aliases.publicIdTaken(e.getPublicId()).doOnNext(current::publicIdTaken));
      queries.add(mailboxes.findById(e.getDestinationMailboxId()).doOnNext(current::mailbox));
      queries.addAll(address(domainId, e.getLocalPart(), current));
    } else if (event instanceof AliasDeleted e) {
      queries.add(aliases.findById(e.getAliasId()).doOnNext(current::alias));
    }
    // DomainUpdated needs only the domain; an unknown type is refused by Provisioning.apply
    return Flux.concat(queries).then(Mono.fromSupplier(current::build));
  }

  /** Whatever already lives at the address: uniqueness spans mailboxes and aliases. */
  private List<Mono<?>> address(long domainId, String localPart, Snapshot.Builder current) {
    return List.of(
        mailboxes.findLiveAt(domainId, localPart).doOnNext(current::liveMailboxAtAddress),
        aliases.findLiveAt(domainId, localPart).doOnNext(current::liveAliasAtAddress));
  }
}
