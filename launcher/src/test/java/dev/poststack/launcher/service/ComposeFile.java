package dev.poststack.launcher.service;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's {@code docker-compose.yml} as plain maps (SnakeYAML resolves the {@code <<}
 * merges), with {@code ${VAR…}} filled in from {@code deploy/env.example} the way Compose fills
 * them from {@code .env}.
 */
final class ComposeFile {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:[?-])([^}]*))?}");

  final Path root;
  final Map<String, Object> yaml;
  final Map<String, String> example;
  final Set<String> variablesReferenced = new TreeSet<>();

  private ComposeFile(Path root, Map<String, Object> yaml, Map<String, String> example) {
    this.root = root;
    this.yaml = yaml;
    this.example = example;
  }

  static ComposeFile load() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("docker-compose.yml"))) {
      root = root.getParent();
      if (root == null) {
        throw new IllegalStateException("no docker-compose.yml above the working directory");
      }
    }
    Map<String, String> example = new LinkedHashMap<>();
    for (String line : Files.readAllLines(root.resolve("deploy/env.example"))) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        example.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    try (Reader r =
        Files.newBufferedReader(root.resolve("docker-compose.yml"), StandardCharsets.UTF_8)) {
      return new ComposeFile(root, new Yaml().load(r), example);
    }
  }

  Map<String, Object> services() {
    return map(yaml.get("services"));
  }

  Map<String, Object> service(String name) {
    return map(services().get(name));
  }

  /** A service's environment with every {@code ${VAR}} resolved as Compose would from .env. */
  Map<String, String> environment(String service) {
    Map<String, String> env = new LinkedHashMap<>();
    map(service(service).get("environment"))
        .forEach((k, v) -> env.put(k, interpolate(String.valueOf(v))));
    return env;
  }

  /** The raw (not interpolated) value, to compare expressions between services. */
  String rawEnvironment(String service, String name) {
    return String.valueOf(map(service(service).get("environment")).get(name));
  }

  String interpolate(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      variablesReferenced.add(name);
      String given = example.getOrDefault(name, "");
      String v = given.isEmpty() && "-".equals(opOf(m)) ? m.group(3) : given;
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String opOf(Matcher m) {
    return m.group(2) == null ? "" : m.group(2).substring(1);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }
}
