package trainwell.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.notebook.Show;
import trainwell.training.Runs;
import trainwell.training.TrainingConfig;
import trainwell.training.TrainingResult;

class ExpectationTest {

    private final List<String> shown = new ArrayList<>();

    @BeforeEach
    void capture() {
        Check.display(shown::add);
        Check.strict(false);
    }

    @AfterEach
    void restore() {
        Check.display(Show::markdown);
        Check.resetStrict();
    }

    /** One finished run whose last evaluation measured {@code accuracy}. */
    private static TrainingResult run(String name, long seed, double accuracy) {
        Table h = Table.create(name, IntColumn.create("step", 0, 1), StringColumn.create("run", name, name),
                DoubleColumn.create("seed", seed, seed), DoubleColumn.create("loss", 3, 1 - accuracy),
                DoubleColumn.create("val_loss", Double.NaN, 1.5 - accuracy),
                DoubleColumn.create("val_accuracy", Double.NaN, accuracy));
        return new TrainingResult(name, TrainingConfig.defaults().withSeed(seed), h, Table.create("layers"),
                TrainingResult.Status.COMPLETED, "", 2, 1, 1.5 - accuracy, 0.1);
    }

    /** A (0.97, 0.99 over two seeds) against B (0.60, 0.70). */
    private static Runs aBeatsB() {
        return new Runs(List.of(run("A", 1, 0.97), run("A", 2, 0.99), run("B", 1, 0.60), run("B", 2, 0.70)));
    }

    @Test
    void aComparisonOfTheMeasuredNumbersThatHoldsPasses() {
        CheckResult r = Expectation.check("3", aBeatsB(),
                o -> o.mean("A", "val_accuracy") > o.mean("B", "val_accuracy"), "");
        assertTrue(r.passed(), r.message());
    }

    @Test
    void anExpectationThatHoldsWhateverWasMeasuredFails() {
        CheckResult r = Expectation.check("3", aBeatsB(), o -> true, "");
        assertTrue(r.failed());
        assertTrue(r.message().contains("tests nothing"), r.message());
    }

    @Test
    void aComparisonOfTypedNumbersFails() {
        assertTrue(Expectation.check("3", aBeatsB(), o -> 0.98 > 0.65, "").failed());
    }

    @Test
    void anExpectationThatDoesNotHoldOnTheMeasurementFailsAndShowsWhatWasMeasured() {
        CheckResult r = Expectation.check("3", aBeatsB(),
                o -> o.mean("B", "val_accuracy") > o.mean("A", "val_accuracy"), "");
        assertTrue(r.failed());
        assertTrue(r.message().contains("does not hold") && r.message().contains("B (2 seeds)"), r.message());
    }

    @Test
    void aThresholdOnTiedConfigurationsPassesBecauseItReadsTheMeasurement() {
        Runs tied = new Runs(List.of(run("A", 1, 0.98), run("A", 2, 0.98), run("B", 1, 0.98), run("B", 2, 0.98)));
        assertTrue(Expectation.check("3", tied, o -> o.mean("A", "val_accuracy") > 0.95, "").passed());
    }

    @Test
    void oneSeedPerConfigurationFails() {
        Runs oneSeed = new Runs(List.of(run("A", 1, 0.97), run("B", 1, 0.60)));
        CheckResult r = Expectation.check("3", oneSeed, o -> o.mean("A", "val_accuracy") > 0.9, "");
        assertTrue(r.failed());
        assertTrue(r.message().contains("two seeds"), r.message());
    }

    @Test
    void oneConfigurationFails() {
        Runs one = new Runs(List.of(run("A", 1, 0.97), run("A", 2, 0.99)));
        assertTrue(Expectation.check("3", one, o -> o.mean("A", "val_accuracy") > 0.9, "").failed());
    }

    @Test
    void missingRunsOrAPlaceholderExpectationIsNotSolved() {
        assertTrue(Expectation.check("3", null, o -> true, "").notSolved());
        assertTrue(Expectation.check("3", aBeatsB(), o -> {
            throw Exercise.notSolved();
        }, "").notSolved());
    }

    @Test
    void anUnknownRunNameIsReportedAsAFailureThatNamesTheRuns() {
        CheckResult r = Expectation.check("3", aBeatsB(), o -> o.mean("C", "val_accuracy") > 0.5, "");
        assertTrue(r.failed());
        assertTrue(r.message().contains("[A, B]"), r.message());
    }

    @Test
    void strictModeThrowsForAnExpectationThatTestsNothing() {
        Check.strict(true);
        assertThrows(ExerciseFailed.class, () -> Expectation.check("3", aBeatsB(), o -> true, ""));
    }

    @Test
    void theOutcomeHoldsMeanAndSampleStdOverSeeds() {
        Expectation.Outcome o = Expectation.Outcome.of(aBeatsB());
        assertEquals(List.of("A", "B"), o.runs());
        assertEquals(0.65, o.mean("B", "val_accuracy"), 1e-12);
        assertEquals(Math.sqrt(0.005), o.std("B", "val_accuracy"), 1e-12);
        assertEquals(2, o.seeds("A"));
    }

    @Test
    void counterfactualsPermuteTheNumbersAndEndWithNothingMeasured() {
        List<Expectation.Outcome> others = Expectation.counterfactuals(Expectation.Outcome.of(aBeatsB()));
        assertEquals(2, others.size());
        assertEquals(0.98, others.get(0).mean("B", "val_accuracy"), 1e-12);
        assertTrue(Double.isNaN(others.get(1).mean("A", "val_accuracy")));
    }
}
