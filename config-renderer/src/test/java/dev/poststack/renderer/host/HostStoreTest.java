package dev.poststack.renderer.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    text.append("-- upgrade from schema version 1\n");
    HostStore.upgradeFrom(1).forEach(s -> text.append(s).append(";\n"));
    text.append("-- upgrade from schema version 2\n");
    HostStore.upgradeFrom(2).forEach(s -> text.append(s).append(";\n"));
    text.append("-- a mailbox's sessions must end\n")
        .append(HostStore.RENEW_LOGIN_KEY_SQL)
        .append(";\n");
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
  void onlyVersionOneAndTwoStoresNeedAnUpgradeAndAnUnknownVersionIsRefused() {
    assertThat(HostStore.upgradeFrom(0)).isEmpty();
    assertThat(HostStore.upgradeFrom(1)).hasSize(3);
    assertThat(HostStore.upgradeFrom(2))
        .singleElement()
        .asString()
        .startsWith("CREATE TABLE IF NOT EXISTS dkim_keys");
    assertThat(HostStore.upgradeFrom(HostStore.SCHEMA_VERSION)).isEmpty();
    assertThatThrownBy(() -> HostStore.upgradeFrom(HostStore.SCHEMA_VERSION + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema version " + (HostStore.SCHEMA_VERSION + 1));
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
