package dev.poststack.launcher.stack;

import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the implementations other modules provide for the launcher's SPI (launcher-spi). */
public final class Extensions {
  private final ClassLoader classLoader;

  public Extensions(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  public <T> Optional<T> find(Class<T> type) {
    return ServiceLoader.load(type, classLoader).findFirst();
  }

  /** The one-line reason shown when {@code type} has no implementation in this build. */
  public static String missing(Class<?> type) {
    return "no "
        + type.getSimpleName()
        + " implementation in this build (module admin provides it via "
        + "META-INF/services/"
        + type.getName()
        + ")";
  }
}
