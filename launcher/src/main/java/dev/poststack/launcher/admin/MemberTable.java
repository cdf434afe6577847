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
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] + 2 - cell.length()));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
