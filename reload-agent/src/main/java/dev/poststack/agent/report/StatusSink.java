package dev.poststack.agent.report;

import dev.poststack.schemas.host.HostApplyReport;

/** Where the agent's reports go: the host-status topic in production. */
@FunctionalInterface
public interface StatusSink {
  void publish(HostApplyReport report);
}
