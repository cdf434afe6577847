package dev.poststack.api.audit;

import dev.poststack.api.http.IdRef;
import dev.poststack.api.problem.ApiException;
import dev.poststack.api.problem.FieldError;
import dev.poststack.schemas.EventType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;

/**
 * The audit list's filters as a client sends them. Object ids are numeric or public like every
 * other endpoint's; an id of neither form names no object, so the list is empty ({@link
 * #matchesNothing}) exactly as for another team's object. A malformed {@code type}, {@code
 * actor_key_id}, {@code since} or {@code until} is the client's mistake and answers 422.
 *
 * @param since inclusive; {@code until} exclusive, so consecutive windows never count a row twice
 */
record EventFilter(
    String type,
    IdRef mailbox,
    IdRef alias,
    IdRef domain,
    Long actorKeyId,
    Instant since,
    Instant until,
    boolean matchesNothing) {

  static final String MAILBOX_PREFIX = "mb_";
  static final String ALIAS_PREFIX = "ali_";
  static final String DOMAIN_PREFIX = "dom_";
  private static final List<String> TYPES =
      java.util.stream.Stream.concat(
              Arrays.stream(EventType.values()).map(EventType::eventName),
              dev.poststack.api.account.AccountEvents.TYPES.stream())
          .collect(Collectors.toList());

  static EventFilter from(MultiValueMap<String, String> query) {
    List<FieldError> errors = new ArrayList<>();
    String type = blankToNull(query.getFirst("type"));
    if (type != null && !TYPES.contains(type)) {
      errors.add(new FieldError("type", "must be one of " + String.join(", ", TYPES)));
    }
    Long actor = null;
    String rawActor = blankToNull(query.getFirst("actor_key_id"));
    if (rawActor != null) {
      Optional<IdRef> ref = IdRef.parse(rawActor, "");
      if (ref.isEmpty() || ref.get().id() == null) {
        errors.add(new FieldError("actor_key_id", "must be an API key's numeric id"));
      } else {
        actor = ref.get().id();
      }
    }
    Instant since = instant(query, "since", errors);
    Instant until = instant(query, "until", errors);
    if (since != null && until != null && !since.isBefore(until)) {
      errors.add(new FieldError("until", "must be after since"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    Ref mailbox = ref(query, "mailbox_id", MAILBOX_PREFIX);
    Ref alias = ref(query, "alias_id", ALIAS_PREFIX);
    Ref domain = ref(query, "domain_id", DOMAIN_PREFIX);
    return new EventFilter(
        type,
        mailbox.ref,
        alias.ref,
        domain.ref,
        actor,
        since,
        until,
        mailbox.unknown || alias.unknown || domain.unknown);
  }

  /** The same filters, narrowed to one object's history. */
  EventFilter withMailbox(long id) {
    return new EventFilter(
        type, IdRef.of(id), alias, domain, actorKeyId, since, until, matchesNothing);
  }

  EventFilter withAlias(long id) {
    return new EventFilter(
        type, mailbox, IdRef.of(id), domain, actorKeyId, since, until, matchesNothing);
  }

  EventFilter withDomain(long id) {
    return new EventFilter(
        type, mailbox, alias, IdRef.of(id), actorKeyId, since, until, matchesNothing);
  }

  private record Ref(IdRef ref, boolean unknown) {}

  private static Ref ref(MultiValueMap<String, String> query, String name, String prefix) {
    String raw = blankToNull(query.getFirst(name));
    if (raw == null) {
      return new Ref(null, false);
    }
    Optional<IdRef> ref = IdRef.parse(raw, prefix);
    return new Ref(ref.orElse(null), ref.isEmpty());
  }

  private static Instant instant(
      MultiValueMap<String, String> query, String name, List<FieldError> errors) {
    String raw = blankToNull(query.getFirst(name));
    if (raw == null) {
      return null;
    }
    try {
      // an offset other than Z is accepted too: it names one instant all the same
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(name, "must be an ISO-8601 instant such as 2026-03-28T15:30:00.000Z"));
      return null;
    }
  }

  private static String blankToNull(String raw) {
    return raw == null || raw.isEmpty() ? null : raw;
  }
}
