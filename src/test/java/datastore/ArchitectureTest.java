package datastore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of DESIGN.md: dependencies point down only, and only api speaks HTTP. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("datastore");
    }

    @Test
    void onlyTheApiLayerUsesJavalin() {
        noClasses()
                .that()
                .resideOutsideOfPackages("datastore.api..", "datastore")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.javalin..")
                .check(classes);
    }

    @Test
    void coreDependsOnNothingElseInTheProject() {
        noClasses()
                .that()
                .resideInAPackage("datastore.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "datastore.api..", "datastore.services..", "datastore.infrastructure..", "datastore.schemas..")
                .check(classes);
    }

    @Test
    void schemasDependOnlyOnCore() {
        noClasses()
                .that()
                .resideInAPackage("datastore.schemas..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("datastore.api..", "datastore.services..", "datastore.infrastructure..")
                .check(classes);
    }

    @Test
    void infrastructureDoesNotReachUp() {
        noClasses()
                .that()
                .resideInAPackage("datastore.infrastructure..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("datastore.api..", "datastore.services..")
                .check(classes);
    }

    @Test
    void servicesDoNotKnowTheHttpLayer() {
        noClasses()
                .that()
                .resideInAPackage("datastore.services..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("datastore.api..")
                .check(classes);
    }

    @Test
    void onlyInfrastructureTalksToDatabases() {
        noClasses()
                .that()
                .resideOutsideOfPackages("datastore.infrastructure..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "org.duckdb..")
                .check(classes);
    }

    @Test
    void apiDoesNotBypassServicesToReachEngines() {
        noClasses()
                .that()
                .resideInAPackage("datastore.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("datastore.infrastructure..")
                .check(classes);
    }

    @Test
    void servicesReachEnginesOnlyThroughTheSpi() {
        noClasses()
                .that()
                .resideOutsideOfPackages("datastore.infrastructure..", "datastore")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "datastore.infrastructure.engines.sql..",
                        "datastore.infrastructure.engines.jdbc..",
                        "datastore.infrastructure.engines.duckdb..",
                        "datastore.infrastructure.engines.postgres..",
                        "datastore.infrastructure.engines.trino..",
                        "datastore.infrastructure.engines.fulltext..")
                .check(classes);
    }

    @Test
    void enginesDoNotReachIntoEachOther() {
        String[] engines = {"duckdb", "postgres", "trino"};
        for (String engine : engines) {
            String[] others = java.util.Arrays.stream(engines)
                    .filter(o -> !o.equals(engine))
                    .map(o -> "datastore.infrastructure.engines." + o + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("datastore.infrastructure.engines." + engine + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .check(classes);
        }
    }

    @Test
    void servicesTakeSurfaceNeutralRequests() {
        // A surface translates its parameters (schemas.ckan for CKAN's) into schemas.query / schemas.write.
        noClasses()
                .that()
                .resideInAPackage("datastore.services..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("datastore.schemas.ckan..")
                .check(classes);
    }

    @Test
    void theSharedHttpLayerKnowsNoSurface() {
        // The route table, server, middleware and auth gate carry every surface; none may lean on one.
        noClasses()
                .that()
                .resideInAnyPackage("datastore.api", "datastore.api.middleware..", "datastore.api.auth..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("datastore.api.ckan..", "datastore.api.system..")
                .check(classes);
    }

    @Test
    void theCkanSurfaceDoesNotLeanOnOtherSurfaces() {
        noClasses()
                .that()
                .resideInAPackage("datastore.api.ckan..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("datastore.api.system..")
                .check(classes);
    }

    @Test
    void theDatasetteSurfaceDoesNotLeanOnOtherSurfaces() {
        noClasses()
                .that()
                .resideInAPackage("datastore.api.datasette..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("datastore.api.ckan..", "datastore.api.system..")
                .check(classes);
    }

    /** Absence is {@code @Nullable} (checked by NullAway); {@code Optional} is for return values only. */
    @Test
    void noFieldOrRecordComponentIsOptional() {
        noFields().should().haveRawType(java.util.Optional.class).check(classes);
    }
}
