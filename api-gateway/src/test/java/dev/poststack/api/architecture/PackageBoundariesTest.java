package dev.poststack.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API's packages and the directions they may depend in, written down once: each package names
 * the packages below it that it may use. A new arrow upwards, or a cycle, fails here.
 */
class PackageBoundariesTest {
  private static final String API = "dev.poststack.api";

  /** Package -> the API packages it may depend on (besides itself). */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("platform", Set.of()),
          Map.entry("problem", Set.of()),
          Map.entry("auth", Set.of("problem")),
          Map.entry("http", Set.of("platform", "problem")),
          Map.entry("work", Set.of("platform", "problem")),
          Map.entry("event", Set.of("problem", "work")),
          Map.entry(
              "idempotency", Set.of("auth", "http", "outcome", "platform", "problem", "work")),
          Map.entry("outcome", Set.of("auth", "event", "http", "platform", "problem")),
          Map.entry("ratelimit", Set.of("auth", "http", "platform", "problem")),
          Map.entry("limit", Set.of("platform", "problem")),
          Map.entry("dns", Set.of("platform")),
          Map.entry("journal", Set.of("platform")),
          Map.entry("discovery", Set.of("auth", "platform")),
          Map.entry("dkim", Set.of("platform", "problem")),
          Map.entry(
              "webhook", Set.of("account", "auth", "http", "idempotency", "platform", "problem")),
          Map.entry("account", Set.of("auth")),
          Map.entry("audit", Set.of("account", "auth", "http", "problem")),
          Map.entry("member", Set.of("account", "auth", "http", "platform", "problem")),
          Map.entry("host", Set.of("auth", "http", "platform", "problem")),
          Map.entry(
              "domain",
              Set.of(
                  "auth",
                  "dkim",
                  "dns",
                  "event",
                  "http",
                  "idempotency",
                  "limit",
                  "outcome",
                  "platform",
                  "problem",
                  "work")),
          Map.entry(
              "rotation",
              Set.of(
                  "auth",
                  "dkim",
                  "dns",
                  "domain",
                  "event",
                  "http",
                  "idempotency",
                  "outcome",
                  "platform",
                  "problem",
                  "work")),
          Map.entry(
              "mailbox",
              Set.of(
                  "auth",
                  "domain",
                  "http",
                  "idempotency",
                  "limit",
                  "outcome",
                  "platform",
                  "problem",
                  "work")),
          Map.entry(
              "alias",
              Set.of(
                  "auth",
                  "domain",
                  "http",
                  "idempotency",
                  "limit",
                  "mailbox",
                  "outcome",
                  "problem")),
          Map.entry(
              "apikey",
              Set.of(
                  "account",
                  "auth",
                  "domain",
                  "http",
                  "idempotency",
                  "limit",
                  "member",
                  "platform",
                  "problem")));

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(API);

  @Test
  void packagesFormNoCycles() {
    slices().matching(API + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void eachPackageUsesOnlyThePackagesItIsAllowed() {
    for (var entry : ALLOWED.entrySet()) {
      String[] forbidden =
          ALLOWED.keySet().stream()
              .filter(p -> !p.equals(entry.getKey()) && !entry.getValue().contains(p))
              .map(p -> API + "." + p + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage(API + "." + entry.getKey() + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden)
          .because(
              "the API's package directions are written down in "
                  + PackageBoundariesTest.class.getSimpleName())
          .check(CLASSES);
    }
  }

  @Test
  void everyPackageHasItsDirectionsWrittenDown() {
    Set<String> packages =
        CLASSES.stream()
            .map(c -> c.getPackageName())
            .filter(p -> p.startsWith(API + "."))
            .map(p -> p.substring(API.length() + 1).split("\\.")[0])
            .collect(java.util.stream.Collectors.toSet());
    org.assertj.core.api.Assertions.assertThat(ALLOWED.keySet()).containsAll(packages);
  }

  @Test
  void theWebEdgeIsPackagePrivate() {
    // controllers, filters and handlers are found by Spring, never called by another package
    classes()
        .that()
        .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
        .or()
        .implement(org.springframework.web.server.WebFilter.class)
        .or()
        .implement(org.springframework.web.server.WebExceptionHandler.class)
        .should()
        .notBePublic()
        .check(CLASSES);
  }

  @Test
  void theApiDependsOnNeitherTheProvisionerNorTheOperatorToolsNorTheLauncher() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            Stream.of("provisioner", "admin", "launcher", "agent")
                .map(m -> "dev.poststack." + m + "..")
                .toArray(String[]::new))
        .check(CLASSES);
  }
}
