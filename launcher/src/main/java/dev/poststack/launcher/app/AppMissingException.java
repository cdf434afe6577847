package dev.poststack.launcher.app;

/** The app's main class is not on the classpath: its module is not written or not built yet. */
public class AppMissingException extends RuntimeException {

  public AppMissingException(String mainClass) {
    super("class " + mainClass + " is not in this build");
  }
}
