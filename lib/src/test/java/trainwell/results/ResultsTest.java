package trainwell.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static trainwell.results.Results.by;
import static trainwell.results.Results.metric;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Language;

class ResultsTest {

    /**
     * Two optimizers, 3 and 2 seeds, 3 steps each. sgd seed 1's rows are out of order on purpose.
     * Hand-computed: sgd finals 2.5, 1.8, 1.1 -> mean 1.8, sample std 0.7; bests 2.0, 1.5, 1.0 -> 1.5, 0.5.
     * adam finals 0.8, 1.2 -> mean 1.0, std sqrt(0.08); bests 0.8, 0.9 -> 0.85, sqrt(0.005).
     */
    static Table runs() {
        return Table.create("runs",
                StringColumn.create("optimizer", "sgd", "sgd", "sgd", "sgd", "sgd", "sgd", "sgd", "sgd", "sgd",
                        "adam", "adam", "adam", "adam", "adam", "adam"),
                IntColumn.create("seed", 1, 1, 1, 2, 2, 2, 3, 3, 3, 1, 1, 1, 2, 2, 2),
                IntColumn.create("step", 2, 0, 1, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2),
                DoubleColumn.create("val_loss", 2.5, 3.0, 2.0, 3.0, 1.5, 1.8, 2.0, 1.0, 1.1, 2.0, 1.0, 0.8, 2.0, 0.9, 1.2));
    }

    @Test
    void aSummarysTitleIsInTheKernelsLanguageAndItsColumnsAreNot() {
        assertEquals("summary of " + runs().name(), Results.summarize(runs(), by("optimizer"), metric("val_loss")).name());
        System.setProperty(Language.PROPERTY, "zh");
        try {
            Table s = Results.summarize(runs(), by("optimizer"), metric("val_loss"));
            assertEquals(runs().name() + " 的汇总", s.name());
            assertTrue(s.containsColumn("val_loss_final_mean"), s.columnNames().toString());
        } finally {
            System.clearProperty(Language.PROPERTY);
        }
    }

    @Test
    void summaryHasOneRowPerConfigurationInOrderOfAppearance() {
        Table s = Results.summarize(runs(), by("optimizer"), metric("val_loss"));
        assertEquals(List.of("optimizer", "runs", "val_loss_final_mean", "val_loss_final_std",
                "val_loss_best_mean", "val_loss_best_std"), s.columnNames());
        assertEquals(List.of("sgd", "adam"), s.stringColumn("optimizer").asList());
        assertEquals(List.of(3, 2), s.intColumn("runs").asList());
    }

    @Test
    void finalValueIsTheOneAtTheLargestStepAveragedOverSeeds() {
        Table s = Results.summarize(runs(), by("optimizer"), metric("val_loss"));
        assertEquals(1.8, s.doubleColumn("val_loss_final_mean").get(0), 1e-12);
        assertEquals(0.7, s.doubleColumn("val_loss_final_std").get(0), 1e-12);
        assertEquals(1.0, s.doubleColumn("val_loss_final_mean").get(1), 1e-12);
        assertEquals(Math.sqrt(0.08), s.doubleColumn("val_loss_final_std").get(1), 1e-12);
    }

    @Test
    void bestValueIsTheMinimumOfALoss() {
        Table s = Results.summarize(runs(), by("optimizer"), metric("val_loss"));
        assertEquals(1.5, s.doubleColumn("val_loss_best_mean").get(0), 1e-12);
        assertEquals(0.5, s.doubleColumn("val_loss_best_std").get(0), 1e-12);
        assertEquals(0.85, s.doubleColumn("val_loss_best_mean").get(1), 1e-12);
        assertEquals(Math.sqrt(0.005), s.doubleColumn("val_loss_best_std").get(1), 1e-12);
    }

    @Test
    void bestValueIsTheMaximumWhenHigherIsBetter() {
        Table s = Results.summarize(runs(), by("optimizer"), metric("val_loss").higherIsBetter());
        // sgd maxima 3.0, 3.0, 2.0 -> 8/3
        assertEquals(8.0 / 3, s.doubleColumn("val_loss_best_mean").get(0), 1e-12);
    }

    @Test
    void finalValueSkipsStepsWhereTheMetricWasNotLogged() {
        Table t = Table.create("t", StringColumn.create("opt", "a", "a", "a"), IntColumn.create("step", 0, 1, 2),
                DoubleColumn.create("val", 5.0, 4.0, Double.NaN));
        Table s = Results.summarize(t, by("opt"), metric("val"));
        assertEquals(4.0, s.doubleColumn("val_final_mean").get(0), 0);
    }

    @Test
    void withoutASeedColumnAConfigurationIsOneRunAndItsStdIsMissing() {
        Table t = runs().removeColumns("seed");
        Table s = Results.summarize(t, by("optimizer"), metric("val_loss"));
        assertEquals(1, s.intColumn("runs").get(0));
        assertTrue(s.doubleColumn("val_loss_final_std").isMissing(0));
    }

    @Test
    void anotherRunColumnCanBeNamed() {
        Table t = runs();
        t.column("seed").setName("run_id");
        Table s = Results.summarize(t, by("optimizer").runs("run_id"), metric("val_loss"));
        assertEquals(0.7, s.doubleColumn("val_loss_final_std").get(0), 1e-12);
    }

    @Test
    void severalConfigurationColumnsAndMetricsAreSummarized() {
        Table t = runs();
        t.addColumns(DoubleColumn.create("lr", new double[] {1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1}));
        t.addColumns(t.doubleColumn("val_loss").multiply(2).setName("train_loss"));
        Table s = Results.summarize(t, by("optimizer", "lr"), metric("val_loss"), metric("train_loss"));
        assertEquals(3, s.rowCount());
        assertEquals(List.of(2, 1, 2), s.intColumn("runs").asList());
        assertEquals(2 * (2.5 + 1.8) / 2, s.doubleColumn("train_loss_final_mean").get(0), 1e-12);
    }

    @Test
    void anUnknownMetricIsRejectedListingTheColumns() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Results.summarize(runs(), by("optimizer"), metric("accuracy")));
        assertTrue(e.getMessage().contains("accuracy") && e.getMessage().contains("val_loss"), e.getMessage());
    }

    @Test
    void summarizeNeedsAMetric() {
        assertThrows(IllegalArgumentException.class, () -> Results.summarize(runs(), by("optimizer")));
    }

    @Test
    void statsUseTheSampleStandardDeviation() {
        Stats s = Stats.of(1, 2, 3, 4);
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 0);
        assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-15); // squares 5 over n - 1 = 3
    }

    @Test
    void statsLeaveOutNaNAndHaveNoStdForOneValue() {
        Stats s = Stats.of(Double.NaN, 7);
        assertEquals(1, s.n());
        assertEquals(7, s.mean(), 0);
        assertTrue(Double.isNaN(s.std()));
        assertEquals(0, Stats.of().n());
    }

    @Test
    void quantilesInterpolateAsNumpyDoes() {
        // numpy.quantile([3, 1, 4, 1, 5, 9, 2, 6], q) for q = 0.5, 0.95, 0.1, 0, 1 (numpy 2.4): 3.5, 7.95, 1.0, 1, 9
        double[] v = {3, 1, 4, 1, 5, 9, 2, 6};
        assertEquals(3.5, Stats.quantile(v, 0.5), 1e-12);
        assertEquals(7.95, Stats.quantile(v, 0.95), 1e-12);
        assertEquals(1.0, Stats.quantile(v, 0.1), 1e-12);
        assertEquals(1, Stats.quantile(v, 0), 0);
        assertEquals(9, Stats.quantile(v, 1), 0);
        assertEquals(7, Stats.quantile(new double[] {Double.NaN, 7}, 0.3), 0);
        assertTrue(Double.isNaN(Stats.quantile(new double[] {Double.NaN}, 0.5)));
        assertEquals(3, v[0], 0); // the input is not sorted in place
        var e = assertThrows(IllegalArgumentException.class, () -> Stats.quantile(v, 1.5));
        assertTrue(e.getMessage().contains("q") && e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void pivotSortsNumericLabelsAndLeavesMissingCellsNaN() {
        Table t = Table.create("grid", DoubleColumn.create("lr", 0.01, 0.001, 0.01),
                DoubleColumn.create("wd", 0, 0, 0.1), DoubleColumn.create("loss", 1.5, 2.0, 1.2));
        Pivot p = Results.pivot(t, "lr", "wd", "loss");
        assertEquals(List.of("0.001", "0.01"), p.rowLabels());
        assertEquals(List.of("0", "0.1"), p.columnLabels());
        assertEquals(2.0, p.get("0.001", "0"), 0);
        assertEquals(1.2, p.get("0.01", "0.1"), 0);
        assertTrue(Double.isNaN(p.get("0.001", "0.1")));
        assertEquals("lr", p.rowName());
    }

    @Test
    void pivotKeepsTextLabelsInOrderOfAppearance() {
        Table t = Table.create("g", StringColumn.create("opt", "sgd", "adam"), StringColumn.create("sched", "cos", "cos"),
                DoubleColumn.create("loss", 1, 2));
        assertEquals(List.of("sgd", "adam"), Results.pivot(t, "opt", "sched", "loss").rowLabels());
    }

    @Test
    void pivotRejectsTwoRowsForOneCell() {
        Table t = Table.create("grid", DoubleColumn.create("lr", 0.1, 0.1), DoubleColumn.create("wd", 0, 0),
                DoubleColumn.create("loss", 1, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> Results.pivot(t, "lr", "wd", "loss"));
        assertTrue(e.getMessage().contains("summarize over seeds first"), e.getMessage());
    }

    @Test
    void pivotOfASummaryFeedsAHeatMapGrid() {
        Table t = runs();
        t.addColumns(DoubleColumn.create("lr", new double[] {1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2}));
        Table s = Results.summarize(t, by("optimizer", "lr"), metric("val_loss"));
        Pivot p = Results.pivot(s, "optimizer", "lr", "val_loss_final_mean");
        assertEquals((2.5 + 1.8) / 2, p.get("sgd", "1"), 1e-12);
        assertEquals(1.2, p.get("adam", "2"), 1e-12);
        assertEquals(List.of("optimizer", "lr=1", "lr=2"), p.toTable().columnNames());
    }
}
