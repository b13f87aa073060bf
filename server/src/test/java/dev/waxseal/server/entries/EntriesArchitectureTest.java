package dev.waxseal.server.entries;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The entries feature's own boundaries: plain classes, no per-call provider or mapper lookups. */
class EntriesArchitectureTest {
  private static final JavaClasses ENTRIES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.waxseal.server.entries");

  @Test
  void onlyTheConfigurationKnowsSpring() {
    noClasses()
        .that()
        .doNotHaveSimpleName("EntriesConfiguration")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(ENTRIES);
  }

  @Test
  void doesNotDependOnOtherServerFeatures() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.waxseal.server.api..",
            "dev.waxseal.server.log..",
            "dev.waxseal.server.storage..",
            "dev.waxseal.server.signing..")
        .check(ENTRIES);
  }

  @Test
  void looksUpNoJcaProvidersOnTheHotPath() {
    noClasses()
        .should()
        .callMethod(MessageDigest.class, "getInstance", String.class)
        .orShould()
        .callMethod(KeyFactory.class, "getInstance", String.class)
        .orShould()
        .callMethod(Signature.class, "getInstance", String.class)
        .check(ENTRIES);
  }

  @Test
  void onlyCanonicalJsonBuildsAMapper() {
    noClasses()
        .that()
        .doNotHaveSimpleName("CanonicalJson")
        .should()
        .callConstructor(ObjectMapper.class)
        .orShould()
        .callMethod(JsonMapper.class, "builder")
        .check(ENTRIES);
  }
}
