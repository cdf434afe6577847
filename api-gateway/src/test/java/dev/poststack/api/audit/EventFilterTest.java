package dev.poststack.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.api.problem.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

class EventFilterTest {

  private static EventFilter parse(String... pairs) {
    var query = new LinkedMultiValueMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) {
      query.add(pairs[i], pairs[i + 1]);
    }
    return EventFilter.from(query);
  }

  @Test
  void readsNumericAndPublicIdsTheTypeTheActorAndTheTimeWindow() {
    EventFilter f =
        parse(
            "type", "MailboxUpdated",
            "mailbox_id", "mb_abc",
            "domain_id", "7",
            "actor_key_id", "12",
            "since", "2026-03-28T15:30:00.000Z",
            "until", "2026-03-28T18:30:00+02:00");
    assertThat(f.type()).isEqualTo("MailboxUpdated");
    assertThat(f.mailbox().publicId()).isEqualTo("mb_abc");
    assertThat(f.domain().id()).isEqualTo(7L);
    assertThat(f.actorKeyId()).isEqualTo(12L);
    assertThat(f.since()).isEqualTo(Instant.parse("2026-03-28T15:30:00Z"));
    assertThat(f.until()).isEqualTo(Instant.parse("2026-03-28T16:30:00Z"));
    assertThat(f.matchesNothing()).isFalse();
  }

  @Test
  void anIdOfAnotherKindNamesNothingSoTheListIsEmpty() {
    assertThat(parse("mailbox_id", "dom_abc").matchesNothing()).isTrue();
    assertThat(parse("alias_id", "not an id").matchesNothing()).isTrue();
  }

  @Test
  void refusesAnUnknownTypeABadInstantAndAnEmptyWindowWithOneValidationProblem() {
    assertThatThrownBy(
            () ->
                parse(
                    "type", "MailboxExploded",
                    "since", "yesterday",
                    "actor_key_id", "key_1"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("validation_error");
              assertThat(e.errors())
                  .extracting(err -> err.field())
                  .containsExactly("type", "actor_key_id", "since");
            });
    assertThatThrownBy(
            () -> parse("since", "2026-03-28T15:30:00Z", "until", "2026-03-28T15:30:00Z"))
        .isInstanceOf(ApiException.class);
  }
}
