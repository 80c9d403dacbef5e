package io.prazo.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.prazo.events", importOptions = ImportOption.DoNotIncludeTests.class)
class NoFrameworksInContractTest {

  @ArchTest
  static final ArchRule theContractKnowsNoFramework =
      noClasses()
          .that()
          .resideInAPackage("io.prazo.events..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "org.axonframework..");
}
