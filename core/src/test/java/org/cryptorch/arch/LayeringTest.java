package org.cryptorch.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Enforces the package layering of docs/architecture.md: lower layers never reach up. */
@AnalyzeClasses(packages = "org.cryptorch", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("tensor").definedBy("org.cryptorch.tensor..")
        .layer("ir").definedBy("org.cryptorch.ir..")
        .layer("reference").definedBy("org.cryptorch.reference..")
        .layer("onnx").definedBy("org.cryptorch.onnx..")
        .layer("passes").definedBy("org.cryptorch.passes..")
        .layer("approx").definedBy("org.cryptorch.approx..")
        .layer("compile").definedBy("org.cryptorch.compile..")
        .layer("net").definedBy("org.cryptorch.net..")
        .layer("mpc").definedBy("org.cryptorch.mpc..")
        .layer("exec").definedBy("org.cryptorch.exec..")
        .layer("tune").definedBy("org.cryptorch.tune..")
        .layer("cli").definedBy("org.cryptorch.cli..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("tune").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("exec").mayOnlyBeAccessedByLayers("tune", "cli")
        .whereLayer("compile").mayOnlyBeAccessedByLayers("exec", "tune", "cli")
        .whereLayer("approx").mayOnlyBeAccessedByLayers("compile", "exec", "tune", "cli")
        .whereLayer("passes").mayOnlyBeAccessedByLayers("compile", "exec", "tune", "cli")
        .whereLayer("onnx").mayOnlyBeAccessedByLayers("passes", "compile", "exec", "tune", "cli")
        .whereLayer("mpc").mayOnlyBeAccessedByLayers("compile", "exec", "tune", "cli")
        .whereLayer("net").mayOnlyBeAccessedByLayers("mpc", "exec", "tune", "cli")
        .whereLayer("reference").mayOnlyBeAccessedByLayers("passes", "onnx", "compile", "exec", "tune", "cli")
        .whereLayer("ir").mayOnlyBeAccessedByLayers("reference", "onnx", "passes", "approx", "compile", "exec",
            "tune", "cli");

    @ArchTest
    static final ArchRule noCycles = slices().matching("org.cryptorch.(*)..").should().beFreeOfCycles();
}
