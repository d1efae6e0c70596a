package trainwell.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the course's {@code data/} folder, so notebooks (run from {@code notebooks/}) and tests (run
 * from {@code lib/}) read the same files without configuration.
 *
 * <p>Order: the system property {@value #PROPERTY}, then the environment variable {@value #ENVIRONMENT}
 * (either names the data folder itself), then the first {@code data/} folder holding
 * {@value #MARKER} found walking up from the working directory.
 */
public final class DataDirectory {

    /** System property that names the data folder. */
    public static final String PROPERTY = "trainwell.data";
    /** Environment variable that names the data folder. */
    public static final String ENVIRONMENT = "TRAINWELL_DATA";
    /** The file whose presence marks the data folder. */
    public static final String MARKER = "moby-dick.txt";

    private DataDirectory() {}

    /** The data folder, found as the class comment says; throws IllegalStateException naming what was searched. */
    public static Path find() {
        return find(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), Path.of(System.getProperty("user.dir")));
    }

    /** The data folder given an explicit property value, environment value and starting folder (nulls mean unset). */
    static Path find(String property, String environment, Path start) {
        if (property != null && !property.isBlank()) {
            return checked(Path.of(property), "system property " + PROPERTY);
        }
        if (environment != null && !environment.isBlank()) {
            return checked(Path.of(environment), "environment variable " + ENVIRONMENT);
        }
        List<Path> searched = new ArrayList<>();
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data");
            searched.add(candidate);
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find the course data folder: neither the system property "
                + PROPERTY + " nor the environment variable " + ENVIRONMENT + " is set, and no folder "
                + "holding data/" + MARKER + " was found walking up from " + start.toAbsolutePath().normalize()
                + " (looked for " + searched + "). Set -D" + PROPERTY + "=/path/to/data.");
    }

    private static Path checked(Path dir, String origin) {
        if (!Files.isRegularFile(dir.resolve(MARKER))) {
            throw new IllegalStateException(origin + " names " + dir.toAbsolutePath()
                    + ", which does not hold " + MARKER + " (it must name the course's data folder itself)");
        }
        return dir;
    }
}
