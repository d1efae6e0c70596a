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
}
