package dev.poststack.api.webhook;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.Purge;
import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Delivered and failed deliveries (and their attempts) older than {@code
 * poststack.webhooks.delivery-retention} go at the housekeeping, at most 10,000 per run so one run
 * never holds the table long; pending ones stay whatever their age.
 */
@Component
class DeliveryPurge implements Purge {
  private final DatabaseClient db;
  private final Duration retention;

  DeliveryPurge(DatabaseClient db, ApiProperties properties) {
    this.db = db;
    this.retention = properties.webhooks().deliveryRetention();
  }

  @Override
  public String name() {
    return "webhook delivery";
  }

  @Override
  public Mono<Long> purge() {
    return db.sql(
            "delete from webhook_delivery where id in (select id from webhook_delivery where"
                + " state <> 'pending' and created_at < now() - make_interval(secs => :retention)"
                + " order by id limit 10000)")
        .bind("retention", (double) retention.toSeconds())
        .fetch()
        .rowsUpdated();
  }
}
