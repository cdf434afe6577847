package dev.poststack.admin.team;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A team as an operator names it on the command line: its numeric id or its name. One lookup for
 * every command taking {@code --team}, so they all read an argument the same way.
 */
public record TeamRef(long id, String name) {

  /**
   * By id when the argument is a number that names a team, else by name.
   *
   * @throws IllegalArgumentException for a blank argument
   * @throws NoSuchElementException when no team has that id or name
   */
  public static TeamRef find(NamedParameterJdbcTemplate jdbc, String team) {
    if (team == null || team.isBlank()) {
      throw new IllegalArgumentException("a team is its numeric id or its name");
    }
    if (team.matches("[1-9][0-9]{0,17}")) {
      List<String> byId =
          jdbc.queryForList(
              "select name from team where id = :id",
              Map.of("id", Long.parseLong(team)),
              String.class);
      if (!byId.isEmpty()) {
        return new TeamRef(Long.parseLong(team), byId.get(0));
      }
    }
    List<Long> byName =
        jdbc.queryForList(
            "select id from team where name = :name", Map.of("name", team), Long.class);
    if (byName.isEmpty()) {
      throw new NoSuchElementException("no team with id or name '" + team + "'");
    }
    return new TeamRef(byName.get(0), team);
  }
}
