package dev.poststack.agent.report;

/** Where the agent's reports go: the host-status topic in production. */
@FunctionalInterface
public interface StatusSink {
  /** Must return at once: the reconcile loop calls it after every burst. */
  void publish(AppliedStatus status);
}
