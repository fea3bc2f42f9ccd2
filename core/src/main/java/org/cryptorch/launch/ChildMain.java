package org.cryptorch.launch;

/**
 * The {@code main} of a child process: runs its role and exits with status 0, or prints one line naming the role
 * and the reason on standard error and exits with status 1 (the parent shows that line if the run fails).
 */
public final class ChildMain {
    /** A role's body; any exception fails the process. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private ChildMain() {
    }

    public static void run(String role, Body body) {
        try {
            body.run();
        } catch (Throwable e) {
            String msg = String.valueOf(e.getMessage());
            System.err.println(msg.startsWith(role + ":") ? msg : role + ": " + msg);
            if (System.getenv("CRYPTORCH_DEBUG") != null || e.getMessage() == null) {
                e.printStackTrace();
            }
            System.exit(1);
        }
        System.exit(0);
    }
}
