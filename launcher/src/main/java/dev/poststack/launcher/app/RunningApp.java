package dev.poststack.launcher.app;

import java.util.Optional;

/** A started app; closing it closes its application context. */
public interface RunningApp extends AutoCloseable {

  String name();

  /** A property of the running app's environment, e.g. {@code local.server.port}. */
  Optional<String> property(String key);

  @Override
  void close();
}
