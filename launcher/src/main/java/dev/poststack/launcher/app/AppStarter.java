package dev.poststack.launcher.app;

/** Starts the apps the launcher runs; a seam so the dev command is testable without Spring apps. */
public interface AppStarter {

  /**
   * Starts the app and returns once its context is refreshed.
   *
   * @throws AppMissingException when its main class is not in this build
   */
  RunningApp start(AppSpec spec);
}
