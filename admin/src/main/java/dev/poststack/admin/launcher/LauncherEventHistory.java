package dev.poststack.admin.launcher;

import dev.poststack.admin.audit.AuditHistory;
import dev.poststack.launcher.spi.EventHistory;
import dev.poststack.launcher.spi.StackEndpoints;
import java.util.List;

/** {@code poststack admin events}: an address's or a domain's audit log, any team's. */
public final class LauncherEventHistory implements EventHistory {

  @Override
  public List<Event> history(StackEndpoints stack, Query query) {
    boolean byAddress = query.address() != null;
    if (byAddress == (query.domain() != null)) {
      throw new IllegalArgumentException("give exactly one of --address and --domain");
    }
    // the keys' names are in the API's tables, which a command may meet before the API ever ran
    AuditHistory history = new AuditHistory(LauncherAdmins.database(stack).withApiSchema());
    return byAddress
        ? history.ofAddress(query.address(), query.limit())
        : history.ofDomain(query.domain(), query.limit());
  }
}
