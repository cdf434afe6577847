package dev.poststack.api.mailbox;

import dev.poststack.api.domain.DomainRow;
import dev.poststack.api.domain.DomainService;
import dev.poststack.api.mailbox.ImportRows.Refusal;
import dev.poststack.api.mailbox.ImportRows.Row;
import dev.poststack.api.mailbox.ImportRows.Wanted;
import dev.poststack.api.problem.ApiException;
import dev.poststack.values.address.EmailAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, row by row and without I/O, what a bulk import does: refuse a row (its domain, an
 * address twice in the request, an address held by something else), create it, or compare it with
 * the mailbox already at its address, so that running the same rows again creates nothing twice.
 * Rows claim their addresses in row order, a mailbox before its own aliases.
 */
final class ImportPlan {
  private ImportPlan() {}

  /** A live mailbox of the team at an address a row names; the hash stays in this process. */
  record Existing(
      long id,
      String publicId,
      String address,
      String displayName,
      long quotaBytes,
      boolean webhookEnabled,
      String passwordHash) {
    @Override
    public String toString() {
      return "Existing[" + id + ", " + address + "]";
    }
  }

  /** A live alias of the team at an address a row names. */
  record ExistingAlias(long id, String publicId, String address, long destinationMailboxId) {}

  /**
   * What the import knows before it decides: the team's domains and what lives at the rows'
   * addresses.
   */
  record Known(
      Map<String, DomainRow> domainsByName,
      Long domainScope,
      Map<String, Existing> mailboxes,
      Map<String, ExistingAlias> aliases) {}

  sealed interface Step permits Refused, Create, Compare {
    int number();
  }

  record Refused(int number, String email, Refusal refusal) implements Step {}

  record Create(int number, Wanted wanted, DomainRow domain, List<AliasStep> aliases)
      implements Step {}

  /** An address already a mailbox of the team: the same content answers {@code exists}. */
  record Compare(int number, Wanted wanted, Existing existing, List<AliasStep> aliases)
      implements Step {}

  sealed interface AliasStep permits AliasCreate, AliasExists, AliasRefused {
    EmailAddress address();
  }

  record AliasCreate(EmailAddress address, DomainRow domain) implements AliasStep {}

  record AliasExists(EmailAddress address, ExistingAlias alias) implements AliasStep {}

  record AliasRefused(EmailAddress address, Refusal refusal) implements AliasStep {}

  static List<Step> decide(List<Row> rows, Known known) {
    Map<String, Integer> claimed = new HashMap<>();
    List<Step> steps = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.refusal() != null) {
        steps.add(new Refused(row.number(), row.email(), row.refusal()));
        continue;
      }
      Wanted wanted = row.wanted();
      String email = wanted.address().value();
      DomainRow domain = known.domainsByName().get(wanted.address().domain().value());
      Refusal refusal = domainRefusal(wanted.address(), domain, known.domainScope());
      if (refusal == null) {
        refusal = duplicate(claimed, email);
      }
      if (refusal == null && known.aliases().containsKey(email)) {
        refusal = taken(email, "an alias");
      }
      if (refusal != null) {
        steps.add(new Refused(row.number(), email, refusal));
        continue;
      }
      claimed.put(email, row.number());
      Existing existing = known.mailboxes().get(email);
      List<AliasStep> aliases = aliases(row, existing, known, claimed);
      steps.add(
          existing == null
              ? new Create(row.number(), wanted, domain, aliases)
              : new Compare(row.number(), wanted, existing, aliases));
    }
    return steps;
  }

  /**
   * The fields whose content differs from the mailbox already there ({@code passwordMatches}: the
   * row's password or hash checked against the stored hash); empty when the row is already in.
   */
  static List<String> differences(Wanted wanted, Existing existing, boolean passwordMatches) {
    List<String> fields = new ArrayList<>();
    if (!passwordMatches) {
      fields.add(wanted.hash() != null ? "passwordHash" : "password");
    }
    if (!java.util.Objects.equals(wanted.displayNameValue(), existing.displayName())) {
      fields.add("displayName");
    }
    if (wanted.quota().value() != existing.quotaBytes()) {
      fields.add("quotaBytes");
    }
    if (wanted.webhookEnabled() != existing.webhookEnabled()) {
      fields.add("webhookEnabled");
    }
    return fields;
  }

  private static List<AliasStep> aliases(
      Row row, Existing mailbox, Known known, Map<String, Integer> claimed) {
    List<AliasStep> steps = new ArrayList<>();
    for (EmailAddress alias : row.wanted().aliases()) {
      String email = alias.value();
      DomainRow domain = known.domainsByName().get(alias.domain().value());
      Refusal refusal = domainRefusal(alias, domain, known.domainScope());
      if (refusal == null) {
        refusal = duplicate(claimed, email);
      }
      if (refusal == null && known.mailboxes().containsKey(email)) {
        refusal = taken(email, "a mailbox");
      }
      ExistingAlias existing = known.aliases().get(email);
      if (refusal == null
          && existing != null
          && (mailbox == null || existing.destinationMailboxId() != mailbox.id())) {
        refusal = taken(email, "an alias of another mailbox");
      }
      if (refusal != null) {
        steps.add(new AliasRefused(alias, refusal));
        continue;
      }
      claimed.put(email, row.number());
      steps.add(
          existing != null ? new AliasExists(alias, existing) : new AliasCreate(alias, domain));
    }
    return steps;
  }

  /** The single create's domain checks, as a row's refusal (null: the domain may hold it). */
  private static Refusal domainRefusal(EmailAddress address, DomainRow domain, Long scope) {
    String name = address.domain().value();
    if (domain == null) {
      return Refusal.of(
          "domain_not_found", "domain " + name + " is not one of this team's domains");
    }
    if (scope != null && scope != domain.id()) {
      return Refusal.of("forbidden", "this API key may not manage domain " + name);
    }
    ApiException unusable = DomainService.unusableForAddresses(domain);
    return unusable == null ? null : Refusal.of(unusable);
  }

  private static Refusal duplicate(Map<String, Integer> claimed, String email) {
    Integer earlier = claimed.get(email);
    return earlier == null
        ? null
        : Refusal.of(
            "duplicate_address", email + " is already in row " + earlier + " of this import");
  }

  private static Refusal taken(String email, String what) {
    return Refusal.of("address_taken", email + " is already " + what);
  }
}
