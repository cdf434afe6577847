package dev.poststack.api.webhook;

import dev.poststack.api.http.PageRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The API's webhook rows, always scoped to the caller's team (another team's id finds nothing). */
@Component
class WebhookStore {
  private static final String LAST_DELIVERY =
      " left join lateral (select d.created_at as last_delivery_at, d.status_code as"
          + " last_delivery_status from webhook_delivery d where d.webhook_id = w.id order by d.id"
          + " desc limit 1) last on true";
  private final DatabaseClient db;

  WebhookStore(DatabaseClient db) {
    this.db = db;
  }

  /**
   * The team's webhook count, under a transaction-scoped lock on the team's webhooks, so two
   * concurrent creates cannot both see room for one more (the caller's transaction holds it).
   */
  Mono<Long> countLocked(long teamId) {
    return db.sql("select pg_advisory_xact_lock(hashtextextended('webhooks-of-team:' || :team, 0))")
        .bind("team", Long.toString(teamId))
        .fetch()
        .rowsUpdated()
        .then(count(teamId));
  }

  Mono<Long> count(long teamId) {
    return db.sql("select count(*) as n from webhook where team_id = :team")
        .bind("team", teamId)
        .map(row -> row.get("n", Long.class))
        .one();
  }

  Mono<Map<String, Object>> insert(
      long teamId, WebhookRequests.Create create, byte[] sealedSecret) {
    return db.sql(
            "insert into webhook as w (team_id, url, events, include_bodies, secret_sealed) values"
                + " (:team, :url, :events, :bodies, :secret) returning "
                + WebhookView.COLUMNS)
        .bind("team", teamId)
        .bind("url", create.url())
        .bind("events", create.events().toArray(String[]::new))
        .bind("bodies", create.includeBodies())
        .bind("secret", sealedSecret)
        .map((row, meta) -> WebhookView.of(row, false))
        .one();
  }

  Flux<Map<String, Object>> list(long teamId) {
    return db.sql(
            "select "
                + WebhookView.COLUMNS
                + ", last.last_delivery_at, last.last_delivery_status from webhook w"
                + LAST_DELIVERY
                + " where w.team_id = :team order by w.id")
        .bind("team", teamId)
        .map((row, meta) -> WebhookView.of(row, true))
        .all();
  }

  Mono<Map<String, Object>> find(long teamId, long id) {
    return db.sql(
            "select " + WebhookView.COLUMNS + " from webhook w where team_id = :team and id = :id")
        .bind("team", teamId)
        .bind("id", id)
        .map((row, meta) -> WebhookView.of(row, false))
        .one();
  }

  /** Re-enabling clears the automatic disable and its failure streak. */
  Mono<Map<String, Object>> update(long teamId, long id, WebhookRequests.Patch patch) {
    var spec =
        db.sql(
                "update webhook w set url = coalesce(:url, url), events = coalesce(:events,"
                    + " events), include_bodies = coalesce(:bodies, include_bodies), enabled ="
                    + " coalesce(:enabled, enabled), disabled_at = case when :enabled then null"
                    + " else disabled_at end, disabled_reason = case when :enabled then null else"
                    + " disabled_reason end, consecutive_failures = case when :enabled then 0"
                    + " else consecutive_failures end where team_id = :team and id = :id"
                    + " returning "
                    + WebhookView.COLUMNS)
            .bind("team", teamId)
            .bind("id", id);
    spec = patch.url() == null ? spec.bindNull("url", String.class) : spec.bind("url", patch.url());
    spec =
        patch.events() == null
            ? spec.bindNull("events", String[].class)
            : spec.bind("events", patch.events().toArray(String[]::new));
    spec =
        patch.includeBodies() == null
            ? spec.bindNull("bodies", Boolean.class)
            : spec.bind("bodies", patch.includeBodies());
    spec =
        patch.enabled() == null
            ? spec.bindNull("enabled", Boolean.class)
            : spec.bind("enabled", patch.enabled());
    return spec.map((row, meta) -> WebhookView.of(row, false)).one();
  }

  Mono<Boolean> delete(long teamId, long id) {
    return db.sql("delete from webhook where team_id = :team and id = :id")
        .bind("team", teamId)
        .bind("id", id)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  /**
   * The new secret signs from now; the old one signs beside it until the grace window ends (none
   * with 0 hours: a leaked secret stops at once).
   */
  Mono<Map<String, Object>> rotate(long teamId, long id, byte[] sealedSecret, int graceHours) {
    return db.sql(
            "update webhook w set previous_secret_sealed = case when :grace > 0 then"
                + " secret_sealed end, previous_secret_expires_at = case when :grace > 0 then"
                + " now() + make_interval(hours => :grace) end, secret_sealed = :secret,"
                + " secret_rotated_at = now() where team_id = :team and id = :id returning "
                + WebhookView.COLUMNS)
        .bind("team", teamId)
        .bind("id", id)
        .bind("secret", sealedSecret)
        .bind("grace", graceHours)
        .map((row, meta) -> WebhookView.of(row, false))
        .one();
  }

  /** A {@code webhook.test} delivery, queued like any other (the dispatcher sends it). */
  Mono<Long> queueTest(
      long teamId, long webhookId, String sourceKey, String data, Duration retryFor) {
    return db.sql(
            "insert into webhook_delivery (webhook_id, team_id, event_type, source_key, data,"
                + " state, next_attempt_at, retry_until) select w.id, w.team_id, 'webhook.test',"
                + " :source, :data, 'pending', now(), now() + make_interval(secs => :retry) from"
                + " webhook w where w.team_id = :team and w.id = :id on conflict do nothing"
                + " returning id")
        .bind("team", teamId)
        .bind("id", webhookId)
        .bind("source", sourceKey)
        .bind("data", data)
        .bind("retry", (double) retryFor.toSeconds())
        .map(row -> row.get("id", Long.class))
        .one();
  }

  Flux<Map<String, Object>> deliveries(long teamId, long webhookId, PageRequest page) {
    return db.sql(
            "select "
                + DeliveryView.COLUMNS
                + " from webhook_delivery where team_id = :team and webhook_id = :id order by id"
                + " desc limit :limit offset :offset")
        .bind("team", teamId)
        .bind("id", webhookId)
        .bind("limit", page.perPage())
        .bind("offset", page.offset())
        .map((row, meta) -> DeliveryView.of(row))
        .all();
  }

  Mono<Long> countDeliveries(long teamId, long webhookId) {
    return db.sql(
            "select count(*) as n from webhook_delivery where team_id = :team and webhook_id ="
                + " :id")
        .bind("team", teamId)
        .bind("id", webhookId)
        .map(row -> row.get("n", Long.class))
        .one();
  }

  /**
   * Sends one delivery again, delivered or failed: due now, with a fresh retry window. One that is
   * still pending stays as it is (it is being sent). Empty when it is not this webhook's.
   */
  Mono<Boolean> replay(long teamId, long webhookId, long deliveryId, Duration retryFor) {
    return db.sql(
            "update webhook_delivery set state = 'pending', next_attempt_at = case when state ="
                + " 'pending' then next_attempt_at else now() end, retry_until = greatest("
                + "retry_until, now() + make_interval(secs => :retry)) where team_id = :team and"
                + " webhook_id = :webhook and id = :id")
        .bind("team", teamId)
        .bind("webhook", webhookId)
        .bind("id", deliveryId)
        .bind("retry", (double) retryFor.toSeconds())
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  /** Failed deliveries only, oldest first, at most {@code limit}; then how many are left. */
  Mono<long[]> batchReplay(
      long teamId,
      long webhookId,
      Integer withinMinutes,
      String eventType,
      int limit,
      Duration retryFor) {
    String filter =
        " where team_id = :team and webhook_id = :webhook and state = 'failed'"
            + (withinMinutes == null
                ? ""
                : " and created_at >= now() - make_interval(mins => :within)")
            + (eventType == null ? "" : " and event_type = any(:types)");
    var replay =
        bindFilter(
                db.sql(
                    "with picked as (select id from webhook_delivery"
                        + filter
                        + " order by id limit :limit for update skip locked) update"
                        + " webhook_delivery d set state = 'pending', next_attempt_at = now(),"
                        + " retry_until = now() + make_interval(secs => :retry) from picked"
                        + " where d.id = picked.id"),
                teamId,
                webhookId,
                withinMinutes,
                eventType)
            .bind("limit", limit)
            .bind("retry", (double) retryFor.toSeconds())
            .fetch()
            .rowsUpdated();
    var remaining =
        bindFilter(
                db.sql("select count(*) as n from webhook_delivery" + filter),
                teamId,
                webhookId,
                withinMinutes,
                eventType)
            .map(row -> row.get("n", Long.class))
            .one();
    return replay.flatMap(n -> remaining.map(left -> new long[] {n, left}));
  }

  private static DatabaseClient.GenericExecuteSpec bindFilter(
      DatabaseClient.GenericExecuteSpec spec,
      long teamId,
      long webhookId,
      Integer withinMinutes,
      String eventType) {
    spec = spec.bind("team", teamId).bind("webhook", webhookId);
    if (withinMinutes != null) {
      spec = spec.bind("within", withinMinutes);
    }
    if (eventType != null) {
      // the SDK may name inbound mail by either name; the row holds email.inbound
      List<String> names =
          WebhookEvent.parse(eventType)
              .map(e -> List.of(e.wireName(), eventType))
              .orElse(List.of(eventType));
      spec = spec.bind("types", names.toArray(String[]::new));
    }
    return spec;
  }
}
