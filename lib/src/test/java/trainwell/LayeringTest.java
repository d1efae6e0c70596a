package trainwell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's packages form layers: mechanism at the bottom, presentation above it, lesson experiments
 * and tools on top. A package may use only packages of a lower layer. This test reads every source file's
 * references to other {@code trainwell} packages and fails on any reference that goes up or sideways.
 *
 * <p>{@link #KNOWN_BACK_EDGES} lists the edges that break the layering today, file by file. They are debt
 * to pay off (the library's restructuring removes them); the test fails when a new one appears and also when
 * a listed one is gone, so that the list never outlives its edges.
 */
class LayeringTest {

    /** Layer of each top-level package; a package may depend only on packages of a strictly lower layer. */
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("core", 0),
            Map.entry("data", 1), Map.entry("schedules", 1), Map.entry("results", 1), Map.entry("precision", 1),
            Map.entry("initialization", 2), Map.entry("optimizers", 2),
            Map.entry("models", 3),
            Map.entry("training", 4),
            Map.entry("tuning", 5),
            Map.entry("notebook", 6),
            Map.entry("plots", 7),
            Map.entry("exercises", 8),
            Map.entry("claims", 9),
            Map.entry("experiments", 10),
            Map.entry("bench", 11));

    /** "File.java -> package" edges that break the layering today (to be removed, never added to). */
    static final Set<String> KNOWN_BACK_EDGES = Set.of(
            );

    private static final Path SOURCES = Path.of("src/main/java/trainwell");
    private static final Pattern REFERENCE = Pattern.compile("\\btrainwell\\.([a-z]+)\\.");
    /** Comments (a class named in Javadoc is no dependency). */
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void everyPackageHasALayer() throws IOException {
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(p -> !LAYERS.containsKey(p)).forEach(missing::add);
        }
        assertTrue(missing.isEmpty(), "packages without a layer in LayeringTest.LAYERS: " + missing);
    }

    @Test
    void noPackageUsesAHigherOrSiblingLayer() throws IOException {
        Set<String> found = backEdges(SOURCES);
        Set<String> added = new TreeSet<>(found);
        added.removeAll(KNOWN_BACK_EDGES);
        Set<String> gone = new TreeSet<>(KNOWN_BACK_EDGES);
        gone.removeAll(found);
        List<String> problems = new ArrayList<>();
        if (!added.isEmpty()) {
            problems.add("new references against the layering (move the class to the right layer, or invert"
                    + " the dependency): " + added);
        }
        if (!gone.isEmpty()) {
            problems.add("KNOWN_BACK_EDGES lists edges that no longer exist; remove them from the list: " + gone);
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void theCheckerFindsAnEdgeThatGoesUp(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("schedules/Bad.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package trainwell.schedules;\nimport trainwell.plots.LinePlot;\n"
                + "/** Drawn by {@link trainwell.claims.Claim}. */\n"
                + "class Bad { trainwell.notebook.Show s; // see trainwell.bench.Benchmark\n}\n");
        Path ok = tmp.resolve("plots/Fine.java");
        Files.createDirectories(ok.getParent());
        Files.writeString(ok, "package trainwell.plots;\nimport trainwell.core.Check;\nclass Fine {}\n");
        assertEquals(Set.of("schedules/Bad.java -> plots", "schedules/Bad.java -> notebook"), backEdges(tmp));
    }

    /** Every "file -> package" reference from a package to one of the same or a higher layer. */
    static Set<String> backEdges(Path root) throws IOException {
        Set<String> edges = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = root.relativize(file);
                String from = relative.getName(0).toString();
                Integer fromLayer = LAYERS.get(from);
                if (fromLayer == null || relative.getNameCount() < 2) {
                    continue;
                }
                String source = COMMENT.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll(" ");
                Matcher m = REFERENCE.matcher(source);
                while (m.find()) {
                    String to = m.group(1);
                    Integer toLayer = LAYERS.get(to);
                    if (to.equals(from) || toLayer == null) {
                        continue;
                    }
                    if (toLayer >= fromLayer) {
                        edges.add(relative.toString().replace('\\', '/') + " -> " + to);
                    }
                }
            }
        }
        return edges;
    }
}
