package dev.waxseal.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the server (style.md §1): api → entries, log, signing; log → storage,
 * signing, merkle; storage → merkle; nothing depends on api; no cycles between features.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.waxseal.server";
  private static final JavaClasses SERVER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void nothingDependsOnTheApi() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".api..")
        .allowEmptyShould(true)
        .check(SERVER);
  }

  @Test
  void apiDependsOnlyOnEntriesLogAndSigning() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".storage..")
        .check(SERVER);
  }

  @Test
  void logDependsOnlyOnStorageSigningAndMerkle() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".log..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".api..", ROOT + ".entries..")
        .allowEmptyShould(true)
        .check(SERVER);
  }

  @Test
  void storageDependsOnlyOnMerkle() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".storage..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".api..", ROOT + ".entries..", ROOT + ".log..", ROOT + ".signing..")
        .allowEmptyShould(true)
        .check(SERVER);
  }

  @Test
  void entriesAndSigningAreLeaves() {
    noClasses()
        .that()
        .resideInAnyPackage(ROOT + ".entries..", ROOT + ".signing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".api..", ROOT + ".log..", ROOT + ".storage..")
        .allowEmptyShould(true)
        .check(SERVER);
  }

  @Test
  void featuresAreFreeOfCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(SERVER);
  }

  @Test
  void merkleKnowsNothingOfSpringOrSql() {
    noClasses()
        .that()
        .resideInAPackage("dev.waxseal.merkle..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
        .allowEmptyShould(true)
        .check(new ClassFileImporter().importPackages("dev.waxseal.merkle"));
  }
}
