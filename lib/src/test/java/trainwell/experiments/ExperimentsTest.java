package trainwell.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import trainwell.optimizers.OptimizerSpec;
import trainwell.training.Runs;
import trainwell.training.StepRecord;
import trainwell.training.TrainingConfig;
import trainwell.training.TrainingListener;
import trainwell.training.TrainingResult;
import trainwell.training.TrainingTest;

class ExperimentsTest {

    @Test
    void comparesConfigurationsOverSeedsAndSummarisesThem() {
        Map<String, TrainingConfig> configs = new LinkedHashMap<>();
        configs.put("Adam", TrainingTest.quick(12).withOptimizer(OptimizerSpec.adam()));
        configs.put("SGD", TrainingTest.quick(12).withOptimizer(OptimizerSpec.sgd()));
        Runs runs = Experiments.compare(configs, TrainingTest::reversal, 1, 2);
        assertEquals(4, runs.results().size());
        assertEquals(2, runs.of("SGD").size());
        assertEquals(48, runs.history().rowCount());
        Table s = runs.summary();
        assertEquals(2, s.rowCount());
        assertEquals(2, s.intColumn("runs").getInt(0));
        assertTrue(s.containsColumn("val_loss_final_mean") && s.containsColumn("val_loss_final_std"), s.columnNames().toString());
    }

    @Test
    void seedsMustNotBeEmpty() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Experiments.seeds("x", TrainingTest.quick(5), TrainingTest::reversal));
        assertTrue(e.getMessage().startsWith("seeds"), e.getMessage());
    }

    @Test
    void runAllGivesEveryRunItsOwnTaskWhenAskedTo() {
        TrainingConfig c = TrainingTest.quick(6);
        Runs runs = Experiments.runAll(List.of("no dropout", "dropout"), List.of(c, c),
                List.of(seed -> TrainingTest.reversal(seed, 0), seed -> TrainingTest.reversal(seed, 0.5)));
        assertEquals(List.of("no dropout", "dropout"), runs.results().stream().map(TrainingResult::name).toList());
        Runs same = Experiments.runAll(List.of("no dropout"), List.of(c), seed -> TrainingTest.reversal(seed, 0));
        assertEquals(same.results().get(0).finalValidationLoss(), runs.results().get(0).finalValidationLoss(), 1e-4,
                "the same task, the same run");
        assertNotEquals(runs.results().get(0).finalValidationLoss(), runs.results().get(1).finalValidationLoss(),
                "dropout 0.5 trains another model");
        var e = assertThrows(IllegalArgumentException.class, () -> Experiments.runAll(List.of("a", "b"), List.of(c, c),
                List.of(TrainingTest::reversal)));
        assertTrue(e.getMessage().startsWith("tasks"), e.getMessage());
    }

    @Test
    void runWithGivesEveryRunItsOwnListeners() {
        TrainingConfig c = TrainingTest.quick(7);
        List<int[]> steps = List.of(new int[1], new int[1]);
        Runs runs = Experiments.runWith(List.of("a", "b"), List.of(c, TrainingTest.quick(4)), TrainingTest::reversal,
                i -> List.of(new TrainingListener() {
                    @Override
                    public void onStep(StepRecord s) {
                        steps.get(i)[0]++;
                    }
                }));
        assertEquals(2, runs.results().size());
        assertEquals(7, steps.get(0)[0]);
        assertEquals(4, steps.get(1)[0]);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Experiments.runWith(List.of("a"), List.of(c), TrainingTest::reversal, i -> null));
        assertTrue(e.getMessage().startsWith("listeners of run 0"), e.getMessage());
    }

    @Test
    void aPlanRunsEveryAddedRunAsOneExperimentInTheOrderAdded() {
        TrainingConfig c = TrainingTest.quick(6);
        Runs planned = Experiments.plan()
                .seeds("dropout", c, seed -> TrainingTest.reversal(seed, 0.5), 1, 2)
                .add("no dropout", c.withSeed(3), seed -> TrainingTest.reversal(seed, 0))
                .run();
        assertEquals(List.of("dropout", "dropout", "no dropout"), planned.results().stream().map(TrainingResult::name).toList());
        assertEquals(List.of(1L, 2L, 3L), planned.results().stream().map(r -> r.config().seed()).toList());
        // Each planned run is the run its own experiment would have given.
        Runs dropout = Experiments.seeds("dropout", c, seed -> TrainingTest.reversal(seed, 0.5), 1, 2);
        Runs plain = Experiments.runAll(List.of("no dropout"), List.of(c.withSeed(3)), seed -> TrainingTest.reversal(seed, 0));
        for (int i = 0; i < 2; i++) {
            assertEquals(dropout.results().get(i).finalValidationLoss(), planned.results().get(i).finalValidationLoss(), 1e-4);
        }
        assertEquals(plain.results().get(0).finalValidationLoss(), planned.results().get(2).finalValidationLoss(), 1e-4);
        assertNotEquals(planned.results().get(0).finalValidationLoss(), planned.results().get(1).finalValidationLoss(),
                "two seeds, two runs");
    }

    @Test
    void aPlanNamesWhatIsWrong() {
        var empty = assertThrows(IllegalArgumentException.class, () -> Experiments.plan().run());
        assertTrue(empty.getMessage().startsWith("plan"), empty.getMessage());
        var noSeeds = assertThrows(IllegalArgumentException.class,
                () -> Experiments.plan().seeds("x", TrainingTest.quick(5), TrainingTest::reversal));
        assertTrue(noSeeds.getMessage().startsWith("seeds"), noSeeds.getMessage());
        var noTask = assertThrows(IllegalArgumentException.class,
                () -> Experiments.plan().add("x", TrainingTest.quick(5), null));
        assertTrue(noTask.getMessage().startsWith("task"), noTask.getMessage());
        var noName = assertThrows(IllegalArgumentException.class,
                () -> Experiments.plan().add(null, TrainingTest.quick(5), TrainingTest::reversal));
        assertTrue(noName.getMessage().startsWith("name"), noName.getMessage());
        assertEquals(3, Experiments.plan().seeds("x", TrainingTest.quick(5), TrainingTest::reversal, 1, 2, 3).size());
    }
}
