package trainwell.schedules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A schedule drives a real DJL optimizer; DJL's update count n (from 1) maps to our step n - 1. */
class ScheduleTrackerTest {

    // Distinct rate per step, so a one-step shift cannot go unnoticed.
    private static final Schedule RATES = step -> 0.1 * (step + 1);

    @Test
    void trackerValueOfUpdateNIsTheRateOfStepNMinusOne() {
        Tracker tracker = RATES.asTracker();
        assertEquals((float) RATES.at(0), tracker.getNewValue(1));
        assertEquals((float) RATES.at(4), tracker.getNewValue(5));
    }

    @Test
    void updateCountZeroIsTreatedAsTheFirstStep() {
        assertEquals((float) RATES.at(0), RATES.asTracker().getNewValue(0));
    }

    @Test
    void negativeUpdateCountIsRejectedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> RATES.asTracker().getNewValue(-1));
        assertEquals("numUpdate must be >= 0, got -1", e.getMessage());
    }

    @Test
    void sgdFirstUpdateUsesStepZeroAndEachLaterUpdateTheNextStep() {
        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(RATES.asTracker()).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.zeros(new ai.djl.ndarray.types.Shape(2));
            NDArray grad = manager.ones(new ai.djl.ndarray.types.Shape(2));
            float[] expected = new float[2];
            for (int update = 0; update < 3; update++) {
                sgd.update("w", weight, grad);
                // plain SGD: w -= lr_k * grad, with grad = 1
                expected[0] -= (float) RATES.at(update);
                expected[1] = expected[0];
                assertArrayEquals(expected, weight.toFloatArray(), 1e-6f, "after update " + (update + 1));
            }
        }
    }

    @Test
    void adamAsksForStepsZeroOneTwoOverThreeUpdates() {
        List<Integer> asked = new ArrayList<>();
        Schedule recording = step -> {
            asked.add(step);
            return 1e-3;
        };
        Adam adam = Adam.builder().optLearningRateTracker(recording.asTracker()).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.zeros(new ai.djl.ndarray.types.Shape(3));
            NDArray grad = manager.ones(new ai.djl.ndarray.types.Shape(3));
            for (int update = 0; update < 3; update++) {
                adam.update("w", weight, grad);
            }
        }
        assertEquals(List.of(0, 1, 2), asked);
    }

    @Test
    void trackerToStringIsTheScheduleLegend() {
        Schedule cosine = Schedules.cosine(1e-3, 100, 1e-5);
        assertEquals(cosine.toString(), cosine.asTracker().toString());
    }
}
