package org.cryptorch.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines that start a main class in a new JVM with the same java binary and class path as this one. */
public final class JvmCommand {
    private JvmCommand() {
    }

    public static List<String> forMain(Class<?> mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The children run the same kernels as this process, so they need the same incubator module.
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        cmd.add("--enable-native-access=ALL-UNNAMED");
        // Extra options for the children only (e.g. -Xmx for a large model, or a profiler), space-separated.
        String extra = System.getenv("CRYPTORCH_CHILD_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        return cmd;
    }
}
