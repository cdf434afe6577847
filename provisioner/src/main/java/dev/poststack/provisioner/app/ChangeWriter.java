package dev.poststack.provisioner.app;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.alias.AliasStore;
import dev.poststack.provisioner.dkim.DkimKeyStore;
import dev.poststack.provisioner.domain.DomainStore;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.provisioner.mailbox.MailboxStore;
import dev.poststack.provisioner.rules.Change;
import dev.poststack.provisioner.rules.Decision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Writes an applied decision's rows in the order the decision lists them. */
@Component
class ChangeWriter {
  private final DomainStore domains;
  private final MailboxStore mailboxes;
  private final AliasStore aliases;
  private final DkimKeyStore dkimKeys;

  ChangeWriter(
      DomainStore domains, MailboxStore mailboxes, AliasStore aliases, DkimKeyStore dkimKeys) {
    this.domains = domains;
    this.mailboxes = mailboxes;
    this.aliases = aliases;
    this.dkimKeys = dkimKeys;
  }

  Mono<Void> write(Decision decision) {
    if (decision instanceof Decision.Applied applied) {
      return Flux.fromIterable(applied.changes()).concatMap(this::save).then();
    }
    return Mono.empty();
  }

  /**
   * A run of creates' saves, one statement per table: every mailbox, then every alias (an alias
   * refers to its mailbox). The last save of a row wins, as it would written one by one.
   */
  Mono<Void> writeAll(List<Change> saves) {
    Map<Long, Mailbox> mailboxRows = new LinkedHashMap<>();
    Map<Long, Alias> aliasRows = new LinkedHashMap<>();
    for (Change change : saves) {
      if (change instanceof Change.SaveMailbox c) {
        mailboxRows.put(c.mailbox().id(), c.mailbox());
      } else if (change instanceof Change.SaveAlias c) {
        aliasRows.put(c.alias().id(), c.alias());
      } else {
        throw new IllegalStateException("a run cannot write " + change);
      }
    }
    return mailboxes
        .saveAll(List.copyOf(mailboxRows.values()))
        .then(aliases.saveAll(List.copyOf(aliasRows.values())));
  }

  private Mono<Void> save(Change change) {
    if (change instanceof Change.SaveDomain c) {
      return domains.save(c.domain());
    }
    if (change instanceof Change.SaveMailbox c) {
      return mailboxes.save(c.mailbox());
    }
    if (change instanceof Change.SaveAlias c) {
      return aliases.save(c.alias());
    }
    if (change instanceof Change.SaveDkimKey c) {
      return dkimKeys.save(c.key());
    }
    if (change instanceof Change.DropDkimKey c) {
      return dkimKeys.delete(c.key());
    }
    throw new IllegalStateException("no writer for " + change);
  }
}
