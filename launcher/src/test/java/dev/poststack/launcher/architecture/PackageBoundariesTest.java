package dev.poststack.launcher.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The launcher's packages and the directions they may depend in, written down once. The root
 * package holds only the entry point ({@code PostStackCli}), which may use everything.
 */
class PackageBoundariesTest {
  private static final String LAUNCHER = "dev.poststack.launcher";

  /** Package -> the launcher packages it may depend on (besides itself). */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("cli", Set.of()),
          Map.entry("kafka", Set.of("cli")),
          Map.entry("postgres", Set.of("cli")),
          Map.entry("app", Set.of("postgres")),
          Map.entry("stack", Set.of("cli", "postgres", "spi")),
          Map.entry("mailhost", Set.of("cli", "spi", "stack")),
          Map.entry("admin", Set.of("cli", "spi", "stack")),
          Map.entry("dev", Set.of("app", "cli", "kafka", "mailhost", "postgres", "spi", "stack")),
          Map.entry("replay", Set.of("app", "cli", "postgres", "spi", "stack")),
          Map.entry("service", Set.of("app", "cli", "postgres", "stack")),
          Map.entry("spi", Set.of()));

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(LAUNCHER);

  @Test
  void packagesFormNoCycles() {
    slices().matching(LAUNCHER + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void eachPackageUsesOnlyThePackagesItIsAllowed() {
    ALLOWED.forEach(
        (pkg, allowed) -> {
          String[] forbidden =
              ALLOWED.keySet().stream()
                  .filter(p -> !p.equals(pkg) && !allowed.contains(p))
                  .map(p -> LAUNCHER + "." + p + "..")
                  .toArray(String[]::new);
          noClasses()
              .that()
              .resideInAPackage(LAUNCHER + "." + pkg + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(forbidden)
              .check(CLASSES);
        });
  }

  @Test
  void theRootPackageHoldsOnlyTheEntryPointAndEveryOtherPackageIsWrittenDown() {
    assertThat(
            CLASSES.stream()
                .filter(c -> c.getPackageName().equals(LAUNCHER))
                .map(JavaClass::getSimpleName)
                .filter(n -> !n.isEmpty())
                .collect(Collectors.toSet()))
        .containsOnly("PostStackCli");
    assertThat(ALLOWED.keySet())
        .containsAll(
            CLASSES.stream()
                .map(JavaClass::getPackageName)
                .filter(p -> p.startsWith(LAUNCHER + "."))
                .map(p -> p.substring(LAUNCHER.length() + 1).split("\\.")[0])
                .collect(Collectors.toSet()));
  }

  @Test
  void theLauncherReachesTheAppsAndTheOperatorBackEndOnlyByNameOrThroughTheSpi() {
    // the apps start by class name and the admin back end through ServiceLoader: no compile-time
    // tie
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.poststack.api..", "dev.poststack.provisioner..", "dev.poststack.admin..")
        .check(CLASSES);
  }
}
