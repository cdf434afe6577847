package dev.poststack.dashboard.activity;

import dev.poststack.dashboard.api.PageNumber;
import dev.poststack.dashboard.api.PublicApi;
import dev.poststack.dashboard.mailbox.HistoryRow;
import dev.poststack.dashboard.session.Members;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The team's activity: every audited change, mail state and account alike ({@code GET /events}),
 * newest first, 50 a page, filtered by type: who did what, when and from where.
 */
@Controller
class ActivityPages {
  private final PublicApi api;
  private final Members members;

  ActivityPages(PublicApi api, Members members) {
    this.api = api;
    this.members = members;
  }

  @GetMapping("/dashboard/activity")
  Mono<Rendering> activity(ServerWebExchange exchange) {
    var params = exchange.getRequest().getQueryParams();
    String type = params.getFirst("type");
    String safeType = type != null && type.matches("[A-Za-z]{1,40}") ? type : "";
    int page = PageNumber.of(params, 100_000);
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("per_page", 50);
    query.put("page", page);
    query.put("type", safeType);
    return members.page(
        exchange,
        member ->
            api.get(Members.browser(exchange), "/events", query)
                .flatMap(
                    answer -> {
                      if (!answer.ok() && answer.unauthorized()) {
                        return members.ended(exchange, answer);
                      }
                      List<HistoryRow> rows = new ArrayList<>();
                      answer.body().path("data").forEach(e -> rows.add(HistoryRow.of(e)));
                      long pages = answer.body().path("meta").path("totalPages").asLong(1);
                      return Mono.just(
                          Rendering.view("dashboard/activity")
                              .modelAttribute("member", member)
                              .modelAttribute("rows", rows)
                              .modelAttribute("type", safeType)
                              .modelAttribute("page", page)
                              .modelAttribute("pages", pages)
                              .modelAttribute("error", answer.ok() ? null : answer.message())
                              .build());
                    }));
  }
}
