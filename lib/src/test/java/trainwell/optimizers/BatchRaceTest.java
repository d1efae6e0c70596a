package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class BatchRaceTest {

    private static BatchRace.Result race() {
        return BatchRace.on(seed -> LeastSquares.synthetic(256, 6, 3, 0.5, seed))
                .batchSizes(1, 8, 256).rates(0.01, 0.03, 0.1, 0.3, 1, 3).epochs(4).checkpointsPerEpoch(4)
                .seeds(1, 2).run();
    }

    @Test
    void fullBatchGdTakesOneStepPerEpochAndNothingBeforeIt() {
        var r = race();
        assertEquals(0, r.stepsAt(256, 0.75));
        assertEquals(3, r.stepsAt(256, 3));
        assertEquals(24, r.stepsAt(8, 0.75));
        // Before its first step GD is still at w = 0, at every rate.
        assertArrayEquals(r.excess(256, 0.01, 0), r.excess(256, 1, 0.75));
    }

    @Test
    void aRateAboveTheStabilityLimitGrowsAndIsNeverBest() {
        var r = race();
        // The largest curvature is about 1, so 3 > 2/L makes full-batch GD grow instead of shrink.
        assertTrue(r.excess(256, 3, 4)[0] > r.excess(256, 3, 0)[0]);
        assertTrue(r.bestRate(256, 4) < 3);
        // Batch 1 at rate 3 takes 1024 steps: it blows up and is marked as diverged.
        assertEquals(Double.POSITIVE_INFINITY, r.excess(1, 3, 4)[0]);
    }

    @Test
    void theBestRateHasTheLowestGeometricMeanOverSeeds() {
        var r = race();
        double best = r.bestRate(8, 2);
        double bestMean = BatchRace.Result.geometricMean(r.best(8, 2));
        for (double rate : new double[] {0.01, 0.03, 0.1, 0.3, 1, 3}) {
            assertTrue(BatchRace.Result.geometricMean(r.excess(8, rate, 2)) >= bestMean, "rate " + rate);
        }
        assertArrayEquals(r.excess(8, best, 2), r.best(8, 2));
    }

    @Test
    void perExampleSgdIsAheadEarlyAndPerStepGdIsAhead() {
        var r = race();
        // One epoch: GD has taken one step, SGD with batch 8 has taken 32.
        assertTrue(BatchRace.Result.geometricMean(r.best(8, 1)) < BatchRace.Result.geometricMean(r.best(256, 1)));
        // Four steps each: GD after 4 epochs, batch 8 after 32 examples (1/8 epoch is not a checkpoint: use 1/4 =
        // 8 steps of batch 8 against GD's 4, still GD ahead per step on this well-conditioned problem).
        assertTrue(BatchRace.Result.geometricMean(r.best(256, 4)) < BatchRace.Result.geometricMean(r.best(8, 0.25)));
    }

    @Test
    void theEnvelopeHasOneRowPerBatchSizeAndCheckpoint() {
        Table t = race().envelope();
        assertEquals(3 * 16, t.rowCount());
        assertEquals(0.25, t.doubleColumn("epochs").getDouble(0));
    }

    @Test
    void theSameSeedGivesTheSameRace() {
        assertArrayEquals(race().excess(1, 0.1, 2), race().excess(1, 0.1, 2));
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> BatchRace.on(s -> LeastSquares.synthetic(100, 2, 1, 0, s))
                .batchSizes(7).run());
        assertTrue(e.getMessage().contains("batch size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> race().excess(8, 0.5, 1));
        assertTrue(e.getMessage().contains("rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> race().excess(8, 0.1, 0.3));
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchRace.on(s -> null).run());
        assertTrue(e.getMessage().contains("problem"), e.getMessage());
    }
}
