package trainwell.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import trainwell.schedules.Cyclic.Mode;
import trainwell.schedules.OneCycle.Anneal;

/**
 * Every schedule PyTorch also has reproduces PyTorch 2.13's own scheduler, step by step, to 1e-6 relative.
 * The sequences were recorded by lib/reference/schedules.py (lr, and momentum where the scheduler
 * cycles it, read before each scheduler.step(): row k is our at(k)).
 */
class PyTorchReferenceTest {

    private static final double RELATIVE = 1e-6;
    // Rates that are exactly 0 in PyTorch (end of PolynomialLR) are compared with this absolute slack.
    private static final double ABSOLUTE = 1e-15;

    /** Case name (CSV file name) to our schedule built with the same arguments as the script. */
    private static final Map<String, Schedule> RATES = new LinkedHashMap<>();
    /** Case name to our momentum schedule, for the cases whose CSV has a momentum column. */
    private static final Map<String, Schedule> MOMENTA = new LinkedHashMap<>();

    static {
        RATES.put("step_lr_a", Schedules.stepDecay(0.1, 30, 0.1));
        RATES.put("step_lr_b", Schedules.stepDecay(1.0, 7, 0.9));
        RATES.put("multistep_lr", Schedules.multiStepDecay(0.1, 0.3, 50, 120, 200));
        RATES.put("exponential_lr_a", Schedules.exponentialDecay(0.1, 0.99));
        RATES.put("exponential_lr_b", Schedules.exponentialDecay(2.0, 0.95));
        RATES.put("polynomial_lr_p2", Schedules.polynomialDecay(0.1, 200, 2.0));
        RATES.put("polynomial_lr_p05", Schedules.polynomialDecay(0.05, 250, 0.5));
        RATES.put("polynomial_lr_p1", Schedules.polynomialDecay(0.1, 300, 1.0));
        RATES.put("linear_lr_up", Schedules.linear(0.1, 0.25, 1.0, 100));
        RATES.put("linear_lr_down", Schedules.linear(0.1, 1.0, 0.05, 250));
        RATES.put("cosine_lr_a", Schedules.cosineAnnealing(0.1, 100, 0.001));
        RATES.put("cosine_lr_b", Schedules.cosineAnnealing(0.01, 250, 0.0));
        RATES.put("warm_restarts_t50", Schedules.cosineWithRestarts(0.1, 50, 1, 1e-4));
        RATES.put("warm_restarts_t20_mult2", Schedules.cosineWithRestarts(0.1, 20, 2, 0.0));
        RATES.put("warm_restarts_t10_mult3", Schedules.cosineWithRestarts(0.05, 10, 3, 1e-3));
        Cyclic triangular = Schedules.triangular(1e-3, 6e-3, 50);
        Cyclic triangular2 = Schedules.cyclic(1e-3, 1e-2, 40, 60, Mode.TRIANGULAR2, 1.0);
        Cyclic expRange = Schedules.expRange(1e-4, 1e-2, 25, 0.995);
        putWithMomentum("cyclic_triangular", triangular, triangular.momentum(0.8, 0.9));
        putWithMomentum("cyclic_triangular2", triangular2, triangular2.momentum(0.8, 0.9));
        putWithMomentum("cyclic_exp_range", expRange, expRange.momentum(0.8, 0.9));
        OneCycle cos = Schedules.oneCycle(0.1, 500);
        OneCycle linear = Schedules.oneCycle(0.01, 400).withPctStart(0.25).withAnneal(Anneal.LINEAR)
                .withDivFactors(10.0, 100.0).withMomentum(0.8, 0.9);
        OneCycle threePhase = Schedules.oneCycle(0.05, 300).withPctStart(0.3).withThreePhase();
        putWithMomentum("one_cycle_cos", cos, cos.momentum());
        putWithMomentum("one_cycle_linear", linear, linear.momentum());
        putWithMomentum("one_cycle_three_phase", threePhase, threePhase.momentum());
        // SequentialLR([LinearLR(1/41 -> 1, 40), CosineAnnealingLR(260, 1e-3)], milestones=[40])
        RATES.put("warmup_linear_cosine", Schedules.linearWarmup(40).then(Schedules.cosineAnnealing(0.1, 260, 0.001)));
        // SequentialLR([ConstantLR(0.1, 25), ExponentialLR(0.99)], milestones=[25])
        RATES.put("warmup_constant_exponential",
                Schedules.exponentialDecay(0.1, 0.99).withConstantWarmup(25, 0.1));
    }

    private static void putWithMomentum(String name, Schedule lr, Schedule momentum) {
        RATES.put(name, lr);
        MOMENTA.put(name, momentum);
    }

    @TestFactory
    Stream<DynamicTest> learningRatesMatchPyTorch() {
        return RATES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + ": " + e.getValue(),
                () -> assertMatches(e.getKey(), e.getValue(), 1)));
    }

    @TestFactory
    Stream<DynamicTest> momentaMatchPyTorch() {
        return MOMENTA.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " momentum",
                () -> assertMatches(e.getKey(), e.getValue(), 2)));
    }

    @Test
    void everyReferenceFileHasACaseAndEveryCaseAFile() throws IOException, URISyntaxException {
        Path dir = Path.of(PyTorchReferenceTest.class.getResource("/reference/schedules").toURI());
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                    .forEach(n -> files.add(n.substring(0, n.length() - 4)));
        }
        assertEquals(new TreeSet<>(RATES.keySet()), files);
    }

    @Test
    void referenceCoversRestartsAndAllCyclicModes() {
        assertEquals(List.of(20, 60, 140, 300), RATES.get("warm_restarts_t20_mult2").events(620));
        Set<Mode> modes = new TreeSet<>();
        RATES.values().stream().filter(s -> s instanceof Cyclic).forEach(s -> modes.add(((Cyclic) s).mode()));
        assertEquals(Set.of(Mode.values()), modes);
    }

    private static void assertMatches(String name, Schedule schedule, int column) throws IOException {
        List<double[]> rows = read(name);
        assertTrue(rows.size() >= 300, name + " has at least 300 reference steps");
        for (double[] row : rows) {
            int step = (int) row[0];
            double expected = row[column];
            double actual = schedule.at(step);
            double tolerance = Math.max(RELATIVE * Math.abs(expected), ABSOLUTE);
            if (!(Math.abs(actual - expected) <= tolerance)) {
                fail(name + " step " + step + ": expected " + expected + " (PyTorch), got " + actual);
            }
        }
    }

    private static List<double[]> read(String name) throws IOException {
        try (InputStream in = PyTorchReferenceTest.class.getResourceAsStream("/reference/schedules/" + name + ".csv")) {
            if (in == null) {
                throw new IOException("missing reference file " + name + ".csv; run lib/reference/schedules.py");
            }
            List<double[]> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    String[] cells = lines[i].trim().split(",");
                    double[] row = new double[cells.length];
                    for (int c = 0; c < cells.length; c++) {
                        row[c] = Double.parseDouble(cells[c]);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
