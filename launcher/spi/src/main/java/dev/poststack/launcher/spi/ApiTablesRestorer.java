package dev.poststack.launcher.spi;

import java.util.Map;

/**
 * The half of {@code poststack replay --rebuild} that the mail events cannot give back: the API's
 * own rows (teams, API keys, team limits) restored from the compacted topic {@code
 * poststack.control-records} into the stack's database (ADR 0010). Implemented by module admin;
 * found with {@link java.util.ServiceLoader} (file {@code
 * META-INF/services/dev.poststack.launcher.spi.ApiTablesRestorer}, public no-argument constructor).
 */
public interface ApiTablesRestorer {

  /**
   * Migrates the API's tables if need be and restores every row the topic holds, parents first,
   * with the id sequences set past the highest id; answers the rows restored per table.
   *
   * @throws IllegalStateException when the API's tables are not empty (nothing is written)
   */
  Map<String, Long> restore(StackEndpoints stack) throws Exception;
}
