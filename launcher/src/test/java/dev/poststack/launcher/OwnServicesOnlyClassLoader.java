package dev.poststack.launcher;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * Loads classes as its parent does but lists only its own {@code META-INF/services} files, so a
 * test decides which SPI implementations the launcher finds even though api-gateway's real ones are
 * on the test classpath.
 */
public final class OwnServicesOnlyClassLoader extends URLClassLoader {
  public OwnServicesOnlyClassLoader(Path servicesRoot, ClassLoader parent) throws IOException {
    super(new URL[] {servicesRoot.toUri().toURL()}, parent);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
  }
}
