package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import trainwell.optimizers.OptimizerSpec;

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
}
