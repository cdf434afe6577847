package dev.poststack.admin.launcher;

import dev.poststack.admin.journal.ControlRecords;
import dev.poststack.controlplane.ApiSchema;
import dev.poststack.launcher.spi.ApiTablesRestorer;
import dev.poststack.launcher.spi.StackEndpoints;
import java.sql.Connection;
import java.util.Map;

/** {@code poststack replay --rebuild}: the API's rows from poststack.control-records. */
public final class LauncherApiTablesRestorer implements ApiTablesRestorer {

  @Override
  public Map<String, Long> restore(StackEndpoints stack) throws Exception {
    ApiSchema.migrate(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    Map<String, String> records = ControlRecords.read(stack.kafkaBootstrapServers());
    try (Connection c = LauncherAdmins.database(stack).connection()) {
      return ControlRecords.restore(records, c).rows();
    }
  }
}
