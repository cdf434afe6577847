package dev.poststack.launcher.admin;

import dev.poststack.launcher.spi.MemberAccounts.Member;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** {@code poststack admin user list}'s table, pure: one line per member, oldest first. */
final class MemberTable {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final List<String> HEADER = List.of("ID", "EMAIL", "CREATED", "DISABLED");

  private MemberTable() {}

  static String table(List<Member> members) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Member m : members) {
      rows.add(
          List.of(
              Long.toString(m.id()),
              m.email(),
              TIME.format(m.createdAt()),
              m.disabledAt() == null ? "-" : TIME.format(m.disabledAt())));
    }
    return Columns.align(rows);
  }
}
