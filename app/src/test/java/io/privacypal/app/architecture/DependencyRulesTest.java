package io.privacypal.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house's one-way dependencies: gateway and worker on common, common on neither, the benchmarks
 * on the worker and nothing on them but the launcher, and within each module no two packages that
 * need each other.
 */
class DependencyRulesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Once packaged, the other modules' test classes come as test jars, not test-classes.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.privacypal");
  }

  @Test
  void commonDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("io.privacypal.common..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.privacypal.gateway..",
            "io.privacypal.worker..",
            "io.privacypal.bench..",
            "io.privacypal.app..")
        .check(classes);
  }

  @Test
  void commonNeverTouchesOpenCv() {
    noClasses()
        .that()
        .resideInAPackage("io.privacypal.common..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.opencv..", "nu.pattern..")
        .check(classes);
  }

  @Test
  void theGatewayNeverTouchesVideoOrTheWorker() {
    noClasses()
        .that()
        .resideInAPackage("io.privacypal.gateway..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.privacypal.worker..",
            "io.privacypal.bench..",
            "io.privacypal.app..",
            "org.opencv..",
            "nu.pattern..")
        .check(classes);
  }

  @Test
  void theWorkerDoesNotDependOnTheGateway() {
    noClasses()
        .that()
        .resideInAPackage("io.privacypal.worker..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.privacypal.gateway..", "io.privacypal.bench..", "io.privacypal.app..")
        .check(classes);
  }

  @Test
  void benchmarksStayOutOfTheServices() {
    noClasses()
        .that()
        .resideInAPackage("io.privacypal.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.privacypal.gateway..", "io.privacypal.app..")
        .check(classes);
  }

  @Test
  void noPackagesDependOnEachOther() {
    slices().matching("io.privacypal.(**)").should().beFreeOfCycles().check(classes);
  }
}
