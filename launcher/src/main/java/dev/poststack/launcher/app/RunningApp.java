package dev.poststack.launcher.app;

import java.util.Optional;

/** A started app; closing it closes its application context. */
public interface RunningApp extends AutoCloseable {

  String name();

  /** A property of the running app's environment, e.g. {@code local.server.port}. */
  Optional<String> property(String key);

  /**
   * The app's one bean of {@code type}, a type both sides load from the shared classpath (a
   * launcher-spi interface); empty when the app has none.
   */
  <T> Optional<T> bean(Class<T> type);

  @Override
  void close();
}
