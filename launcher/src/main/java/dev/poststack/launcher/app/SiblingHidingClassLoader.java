package dev.poststack.launcher.app;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * Gives one app a view of the shared classpath without the resources of the other apps in the same
 * JVM. On a flat classpath {@code classpath:application.properties} resolves to whichever app's jar
 * comes first, so without this the provisioner could start with the API's settings (or run its
 * migrations). Classes still load from the parent: one copy of Spring for everyone.
 */
final class SiblingHidingClassLoader extends ClassLoader {
  private final List<String> hiddenRoots;

  SiblingHidingClassLoader(ClassLoader parent, List<String> hiddenRoots) {
    super(parent);
    this.hiddenRoots = List.copyOf(hiddenRoots);
  }

  /** The classpath root (directory or jar) a class was loaded from, as a URL prefix, if present. */
  static Optional<String> rootOf(ClassLoader loader, String className) {
    String path = className.replace('.', '/') + ".class";
    URL url = loader.getResource(path);
    if (url == null) {
      return Optional.empty();
    }
    String s = url.toString();
    return Optional.of(s.substring(0, s.length() - path.length()));
  }

  @Override
  public URL getResource(String name) {
    try {
      Enumeration<URL> all = getResources(name);
      return all.hasMoreElements() ? all.nextElement() : null;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> visible =
        Collections.list(getParent().getResources(name)).stream()
            .filter(url -> !hidden(url))
            .toList();
    return Collections.enumeration(visible);
  }

  private boolean hidden(URL url) {
    String s = url.toString();
    return hiddenRoots.stream().anyMatch(s::startsWith);
  }
}
