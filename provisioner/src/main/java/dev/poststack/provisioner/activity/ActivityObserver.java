package dev.poststack.provisioner.activity;

/**
 * Told of each batch the activity listener committed, before its offsets are committed (the crash
 * tests halt here, as a SIGKILL between the two would).
 */
public interface ActivityObserver {
  void committed(ActivityPlan plan);
}
