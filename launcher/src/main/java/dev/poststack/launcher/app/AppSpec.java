package dev.poststack.launcher.app;

import java.util.List;
import java.util.Map;

/**
 * A Spring Boot app to run inside the launcher's JVM.
 *
 * @param name for people: {@code provisioner}, {@code api}
 * @param mainClass its {@code @SpringBootApplication} class, loaded by name so the launcher builds
 *     before the app exists
 * @param properties what the launcher decides (ports, URLs); they override the app's own files
 * @param siblings main classes of the other apps in the same JVM, whose resources this app must not
 *     see (each app keeps its own application.properties and migrations)
 */
public record AppSpec(
    String name, String mainClass, Map<String, Object> properties, List<String> siblings) {

  public AppSpec {
    properties = Map.copyOf(properties);
    siblings = List.copyOf(siblings);
  }
}
