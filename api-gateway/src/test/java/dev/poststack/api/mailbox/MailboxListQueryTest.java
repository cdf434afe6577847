package dev.poststack.api.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.api.problem.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

class MailboxListQueryTest {

  private static MailboxListQuery parse(String query) {
    return MailboxListQuery.from(
        new LinkedMultiValueMap<>(
            UriComponentsBuilder.fromUriString("/mailboxes" + query).build().getQueryParams()));
  }

  @Test
  void withoutParametersTheListKeepsItsIdOrderAndHasNoFilter() {
    MailboxListQuery q = parse("");
    assertThat(q).isEqualTo(MailboxListQuery.DEFAULT);
    assertThat(q.order().sql()).isEqualTo("order by m.id asc");
    assertThat(q.filterSql()).isEmpty();
  }

  @Test
  void ascendingPutsUnreportedMailboxesFirstAndDescendingLastTiesByIdInTheSameDirection() {
    assertThat(parse("?sort=usedBytes").order().sql())
        .isEqualTo("order by m.used_bytes asc nulls first, m.id asc");
    assertThat(parse("?sort=-usedBytes").order().sql())
        .isEqualTo("order by m.used_bytes desc nulls last, m.id desc");
    assertThat(parse("?sort=-lastLoginAt").order().sql())
        .isEqualTo("order by m.last_login_at desc nulls last, m.id desc");
    assertThat(parse("?sort=createdAt").order().sql())
        .isEqualTo("order by m.created_at asc, m.id asc");
    assertThat(parse("?sort=-id").order().sql()).isEqualTo("order by m.id desc");
  }

  @Test
  void theUsageFilterComparesExactlyAndBindsThePercent() {
    MailboxListQuery q = parse("?usage_above_percent=80");
    assertThat(q.usageAbovePercent()).isEqualTo(80);
    assertThat(q.filterSql())
        .isEqualTo(
            " and m.used_bytes is not null and m.used_bytes::numeric * 100 >="
                + " m.quota_bytes::numeric * :usagePercent");
  }

  @Test
  void refusesAnUnknownSortOrAPercentOutOfRangeNamingEachField() {
    for (String bad : new String[] {"?sort=password", "?sort=--usedBytes", "?sort=used_bytes"}) {
      assertThatThrownBy(() -> parse(bad))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> assertThat(e.getMessage()).startsWith("sort must be one of id, createdAt"));
    }
    assertThatThrownBy(() -> parse("?sort=x&usage_above_percent=-1"))
        .hasMessage("the request has 2 invalid fields");
    assertThatThrownBy(() -> parse("?usage_above_percent=1001"))
        .hasMessageContaining("usage_above_percent");
  }
}
