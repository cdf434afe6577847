package dev.poststack.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.launcher.spi.MemberAccounts.Member;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberTableTest {

  @Test
  void oneAlignedLinePerMemberWithADashForOneStillActive() {
    String table =
        MemberTable.table(
            List.of(
                new Member(7, "ops@acme.test", Instant.parse("2026-12-01T09:00:00Z"), null),
                new Member(
                    12,
                    "former.colleague@acme.test",
                    Instant.parse("2026-12-02T10:30:00Z"),
                    Instant.parse("2026-12-03T11:45:00.5Z"))));

    assertThat(table)
        .isEqualTo(
            """
            ID  EMAIL                       CREATED               DISABLED
            7   ops@acme.test               2026-12-01T09:00:00Z  -
            12  former.colleague@acme.test  2026-12-02T10:30:00Z  2026-12-03T11:45:00Z
            """);
  }
}
