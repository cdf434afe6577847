package dev.poststack.dashboard.mailbox;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A page of the mailbox list: its rows, the query that made it and where the pager leads. */
record ListView(
    List<MailboxRow> rows, MailboxPages.ListQuery query, int page, long totalPages, long total) {

  static ListView of(JsonNode answer, MailboxPages.ListQuery query) {
    List<MailboxRow> rows = new ArrayList<>();
    answer.path("data").forEach(m -> rows.add(MailboxRow.of(m)));
    JsonNode meta = answer.path("meta");
    return new ListView(
        rows,
        query,
        meta.path("page").asInt(query.page()),
        meta.path("totalPages").asLong(1),
        meta.path("total").asLong(rows.size()));
  }

  public boolean hasPrevious() {
    return page > 1;
  }

  public boolean hasNext() {
    return page < totalPages;
  }

  /** The query string of another page of the same search. */
  public String pageQuery(int other) {
    StringBuilder q = new StringBuilder("page=").append(other);
    if (!query.q().isEmpty()) {
      q.append("&q=")
          .append(java.net.URLEncoder.encode(query.q(), java.nio.charset.StandardCharsets.UTF_8));
    }
    if (!query.status().isEmpty()) {
      q.append("&status=").append(query.status());
    }
    return q.toString();
  }
}
