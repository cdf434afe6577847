package dev.poststack.renderer.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.renderer.testing.Golden;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HostStoreTest {

  /** What the agent executes, byte for byte: a change here is a change to every host's store. */
  @Test
  void schemaAndStatementsAreStable() {
    StringBuilder text = new StringBuilder(HostStore.script()).append('\n');
    for (EntryKind kind : EntryKind.values()) {
      text.append("-- ")
          .append(kind.prefix())
          .append('\n')
          .append(HostStore.upsertSql(kind))
          .append(";\n")
          .append(HostStore.deleteSql(kind))
          .append(";\n")
          .append(HostStore.selectSql(kind))
          .append(";\n");
    }
    text.append("-- positions and content hash\n")
        .append(HostStore.UPSERT_POSITION_SQL)
        .append(";\n")
        .append(HostStore.SELECT_POSITIONS_SQL)
        .append(";\n")
        .append(HostStore.UPDATE_CONTENT_HASH_SQL)
        .append(";\n")
        .append(HostStore.SELECT_CONTENT_HASH_SQL)
        .append(";\n");
    Golden.assertMatches("host/host-store.sql", text.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bindsOneParameterPerColumnInColumnOrder() {
    for (EntryKind kind : EntryKind.values()) {
      assertThat(HostStore.upsertSql(kind).chars().filter(c -> c == '?').count())
          .isEqualTo(kind.columns().size());
      assertThat(HostStore.upsertSql(kind)).contains("(" + String.join(", ", kind.columns()) + ")");
    }
  }
}
