package io.chainpulse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the compiled main classes of every module: a stage never imports another stage
 * (they meet only through topics and tables), nothing reaches up to a module built on it, and the Socket.IO server
 * knows nothing of ChainPulse. Runs in dev, the module whose classpath holds all the others.
 */
class ModuleBoundariesTest {
    private static final String SCHEMAS = "io.chainpulse.schemas..";
    private static final String STORE = "io.chainpulse.store..";
    private static final String INGEST = "io.chainpulse.ingest..";
    private static final String PROCESSOR = "io.chainpulse.processor..";
    private static final String GATEWAY = "io.chainpulse.gateway..";
    private static final String SOCKETIO = "io.chainpulse.socketio..";
    private static final String TESTEVENTS = "io.chainpulse.testevents..";
    private static final String LOCALSTACK = "io.chainpulse.localstack..";
    private static final String PRODUCE = "io.chainpulse.produce..";
    private static final String CLI = "io.chainpulse.cli..";
    private static final String BENCH = "io.chainpulse.bench..";
    private static final String ROUTE_MODULE = "io.chainpulse.gateway.RouteModule";
    private static final List<String> STAGES = List.of(INGEST, PROCESSOR, GATEWAY);
    /** Modules that stages and shared modules must never import: tooling and launchers built on top of them. */
    private static final List<String> TOOLING = List.of(LOCALSTACK, PRODUCE, CLI, BENCH);

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.chainpulse");
    }

    @Test
    void shouldKeepEveryStageFromImportingAnotherStage() {
        for (String stage : STAGES) {
            String[] others = STAGES.stream().filter(other -> !other.equals(stage)).toArray(String[]::new);
            check(noClasses().that().resideInAPackage(stage).should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("stages meet only through topics and tables"));
        }
    }

    @Test
    void shouldPlugTheTestEndpointsIntoTheGatewayOnlyThroughItsRouteModules() {
        check(noClasses().that().resideInAPackage(TESTEVENTS).should().dependOnClassesThat()
                .resideInAnyPackage(INGEST, PROCESSOR).because("test events meet the pipeline through the raw topic"));
        check(noClasses().that().resideInAPackage(TESTEVENTS).should().dependOnClassesThat(
                        JavaClass.Predicates.resideInAPackage(GATEWAY)
                                .and(DescribedPredicate.not(HasName.Predicates.name(ROUTE_MODULE))))
                .because("the gateway's only seam for extra routes is RouteModule"));
        for (String stage : STAGES) {
            check(noClasses().that().resideInAPackage(stage).should().dependOnClassesThat().resideInAPackage(TESTEVENTS)
                    .because("the test endpoints are wired in by dev and the gateway command, never by a stage"));
        }
    }

    @Test
    void shouldKeepStagesAndSharedModulesFromReachingUpToTooling() {
        String[] tooling = TOOLING.toArray(String[]::new);
        for (String module : Stream.concat(Stream.of(SCHEMAS, STORE, SOCKETIO, TESTEVENTS), STAGES.stream()).toList()) {
            check(noClasses().that().resideInAPackage(module).should().dependOnClassesThat().resideInAnyPackage(tooling)
                    .because("the services never need the dev stack, the test producers or the launcher"));
        }
    }

    @Test
    void shouldKeepSharedModulesBelowTheStages() {
        check(noClasses().that().resideInAPackage(SCHEMAS).should().dependOnClassesThat()
                .resideInAnyPackage(concat(List.of(STORE, SOCKETIO, TESTEVENTS), STAGES)).because("schemas is the bottom module"));
        check(noClasses().that().resideInAPackage(STORE).should().dependOnClassesThat()
                .resideInAnyPackage(concat(List.of(SOCKETIO, TESTEVENTS), STAGES)).because("store is shared by the stages"));
    }

    @Test
    void shouldKeepTheSocketIoServerFreeOfChainPulse() {
        check(noClasses().that().resideInAPackage(SOCKETIO).should().dependOnClassesThat()
                .resideInAnyPackage(concat(List.of(SCHEMAS, STORE, LOCALSTACK, PRODUCE, CLI, BENCH, TESTEVENTS), STAGES))
                .because("the Socket.IO server is a protocol implementation that knows nothing of tips"));
    }

    @Test
    void shouldKeepTheLocalStackAndTheProducerBelowTheLauncher() {
        check(noClasses().that().resideInAPackage(LOCALSTACK).should().dependOnClassesThat()
                .resideInAnyPackage(concat(List.of(SCHEMAS, STORE, PRODUCE, CLI, BENCH, SOCKETIO, TESTEVENTS), STAGES))
                .because("local-stack only starts real infrastructure"));
        check(noClasses().that().resideInAPackage(PRODUCE).should().dependOnClassesThat()
                .resideInAnyPackage(PROCESSOR, GATEWAY, TESTEVENTS, CLI, BENCH)
                .because("test events are built as ingest publishes them, for the CLI and the benchmarks"));
        check(noClasses().that().resideInAPackage(CLI).should().dependOnClassesThat().resideInAPackage(BENCH)
                .because("benchmarks are built on the apps, not the other way round"));
    }

    /** A module that does not exist yet (or no longer) has no classes to check: that is not a failure. */
    private static void check(ArchRule rule) {
        rule.allowEmptyShould(true).check(classes);
    }

    private static String[] concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toArray(String[]::new);
    }
}
