package dev.poststack.provisioner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provisioner's package directions, written down once. From the top: {@code app} (Kafka
 * listener, transaction, wiring) uses everything; {@code host} (outbox, relay, host status) and
 * {@code audit} use the decision vocabulary; {@code rules} (one rule per event, pure) reads the
 * rows, which {@code host} and {@code audit} read too; {@code domain}, {@code mailbox}, {@code
 * alias} (rows and their stores) and {@code tx} use nothing of ours; {@code activity} (what mail
 * hosts saw: a side consumer) uses only {@code tx} and nothing uses it. The root package holds only
 * the Spring Boot entry point.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.poststack.provisioner";
  private static final String[] ROWS = {"domain", "mailbox", "alias", "team"};
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void packagesHaveNoCycles() {
    // every package its own slice, the root package included
    slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                return pkg.startsWith(ROOT) ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
              }

              @Override
              public String getDescription() {
                return "provisioner packages";
              }
            })
        .should()
        .beFreeOfCycles()
        .check(MAIN);
  }

  @Test
  void packagesDependOnlyDownwards() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("boot")
        .definedBy(ROOT)
        .layer("app")
        .definedBy(ROOT + ".app..")
        .layer("replay")
        .definedBy(ROOT + ".replay..")
        .layer("activity")
        .definedBy(ROOT + ".activity..")
        .layer("host")
        .definedBy(ROOT + ".host..")
        .layer("audit")
        .definedBy(ROOT + ".audit..")
        .layer("rules")
        .definedBy(ROOT + ".rules..")
        .layer("rows")
        .definedBy(
            ROOT + ".domain..",
            ROOT + ".mailbox..",
            ROOT + ".alias..",
            ROOT + ".team..",
            ROOT + ".dkim..")
        .layer("tx")
        .definedBy(ROOT + ".tx..")
        .whereLayer("boot")
        .mayOnlyBeAccessedByLayers("app") // ProvisionerSchema: the migrations Boot's Flyway runs
        .whereLayer("app")
        .mayNotBeAccessedByAnyLayer()
        // what hosts saw of mailboxes: a side consumer of its own, used by nobody
        .whereLayer("activity")
        .mayNotBeAccessedByAnyLayer()
        // the replay reads the log and compares databases; app implements its RecordApplier port
        .whereLayer("replay")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("host")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("audit")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("rules")
        .mayOnlyBeAccessedByLayers("app", "host", "audit")
        .whereLayer("rows")
        .mayOnlyBeAccessedByLayers("rules", "host", "audit", "app")
        .whereLayer("tx")
        .mayOnlyBeAccessedByLayers("host", "audit", "activity")
        .check(MAIN);
  }

  @Test
  void theRowPackagesDoNotKnowEachOther() {
    for (String rows : ROWS) {
      List<String> forbidden =
          new ArrayList<>(
              List.of(
                  ROOT,
                  ROOT + ".app..",
                  ROOT + ".host..",
                  ROOT + ".audit..",
                  ROOT + ".rules..",
                  ROOT + ".tx.."));
      forbidden.addAll(List.of(otherRows(rows)));
      noClasses()
          .that()
          .resideInAPackage(ROOT + "." + rows + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden.toArray(String[]::new))
          .check(MAIN);
    }
  }

  @Test
  void rulesArePureDecisions() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".rules..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "reactor..",
            "io.r2dbc..",
            "org.apache.kafka..",
            "java.sql..",
            "java.time.Clock")
        .because("a rule decides from the snapshot alone; the loader and the listener do the I/O")
        .check(MAIN);
  }

  @Test
  void internalsArePackagePrivate() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".rules..")
        .and()
        .haveSimpleNameEndingWith("Rule")
        .should()
        .notBePublic()
        .because("only Provisioning finds a rule; nothing else calls one")
        .check(MAIN);
    classes()
        .that()
        .resideInAPackage(ROOT + ".app..")
        .and()
        .areTopLevelClasses()
        .and()
        .areNotAssignableTo(ROOT + ".app.RecordOutcome")
        .and()
        .areNotAssignableTo(ROOT + ".app.OutcomeObserver")
        .should()
        .notBePublic()
        .because("the wiring, listener and transaction are the module's inside")
        .check(MAIN);
  }

  private static String[] otherRows(String rows) {
    return java.util.Arrays.stream(ROWS)
        .filter(r -> !r.equals(rows))
        .map(r -> ROOT + "." + r + "..")
        .toArray(String[]::new);
  }
}
