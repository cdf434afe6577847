package dev.poststack.api.alias;

import dev.poststack.api.http.Timestamps;
import io.r2dbc.spi.Row;
import java.time.Instant;

/** An alias as the SDK reads it; the destination is the mailbox's numeric id. */
public record AliasView(
    long id,
    String publicId,
    long teamId,
    long domainId,
    String aliasAddress,
    long destinationMailboxId,
    String createdAt) {

  static AliasView of(Row row) {
    return new AliasView(
        row.get("id", Long.class),
        row.get("public_id", String.class),
        row.get("team_id", Long.class),
        row.get("domain_id", Long.class),
        row.get("alias_address", String.class),
        row.get("destination_mailbox_id", Long.class),
        Timestamps.format(row.get("created_at", Instant.class)));
  }
}
