package io.prazo.sla;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** sla-core is pure Java: Spring and Axon stay in the services. */
class NoFrameworksInSlaCoreTest {

  private static final JavaClasses SLA_CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.prazo.sla");

  @Test
  void doesNotDependOnSpring() {
    noClasses()
        .that()
        .resideInAPackage("io.prazo.sla..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(SLA_CORE);
  }

  @Test
  void doesNotDependOnAxon() {
    noClasses()
        .that()
        .resideInAPackage("io.prazo.sla..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.axonframework..")
        .check(SLA_CORE);
  }
}
