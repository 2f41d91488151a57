package io.chainpulse.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder with package.json and contracts/), where node tools live. */
public final class RepoRoot {
    private RepoRoot() {}

    public static Path find() {
        for (String candidate : new String[] {System.getProperty("chainpulse.repo.root"), System.getenv("CHAINPULSE_HOME")}) {
            if (candidate != null && isRoot(Path.of(candidate))) {
                return Path.of(candidate).toAbsolutePath().normalize();
            }
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (isRoot(dir)) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the ChainPulse repository root (package.json + contracts/): "
                + "run from inside the repository or set CHAINPULSE_HOME");
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("package.json")) && Files.isDirectory(dir.resolve("contracts"));
    }
}
