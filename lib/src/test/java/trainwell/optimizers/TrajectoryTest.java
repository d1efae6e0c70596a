package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Recording optimizer runs on surfaces into immutable trajectories. */
class TrajectoryTest {

    private static final TrajectoryRecorder ROSENBROCK = TrajectoryRecorder.on(Surfaces.rosenbrock()).steps(50);

    @Test
    void recordsTheStartAndOnePointPerStep() {
        Trajectory run = ROSENBROCK.record(Optimizers.adam(0.05));
        assertEquals(50, run.steps());
        assertEquals(51, run.points().size());
        assertEquals(Surfaces.rosenbrock().start(), run.points().get(0));
        assertFalse(run.diverged());
    }

    @Test
    void lossesAreTheSurfaceValuesAtThePoints() {
        Trajectory run = ROSENBROCK.record(Optimizers.momentum(1e-4, 0.9));
        for (int k = 0; k < run.points().size(); k++) {
            assertEquals(Surfaces.rosenbrock().value(run.points().get(k)), run.losses().get(k), 0.0);
        }
    }

    @Test
    void startCanBeChosen() {
        Trajectory run = ROSENBROCK.from(0.5, -0.5).record(Optimizers.adam(0.05));
        assertEquals(Point.of(0.5, -0.5), run.points().get(0));
    }

    @Test
    void recordingTwiceGivesTheSameTrajectoryBecauseTheOptimizerIsReset() {
        Optimizer adam = Optimizers.adam(0.05);
        assertEquals(ROSENBROCK.record(adam), ROSENBROCK.record(adam));
    }

    @Test
    void recordingOnANoisySurfaceRepeatsItsNoise() {
        TrajectoryRecorder noisy = TrajectoryRecorder.on(Surfaces.noisyQuadratic(0.1, 2, 1, 5)).steps(30);
        assertEquals(noisy.record(Optimizers.sgd(0.1)), noisy.record(Optimizers.sgd(0.1)));
    }

    @Test
    void recordAllKeepsTheOrderAndNamesForTheLegend() {
        List<Trajectory> runs = ROSENBROCK.recordAll(Optimizers.gd(1e-3), Optimizers.adam(0.05).named("Adam 0.05"));
        assertEquals(List.of("GD", "Adam 0.05"), runs.stream().map(Trajectory::name).toList());
    }

    @Test
    void scheduleFreeSequencesAreXYAndZWithYWhatRecordRecords() {
        ScheduleFreeAdam sf = Optimizers.scheduleFreeAdamW(0.05);
        List<Trajectory> runs = ROSENBROCK.recordSequences(sf);
        assertEquals(List.of("Schedule-free AdamW x", "Schedule-free AdamW y", "Schedule-free AdamW z"),
                runs.stream().map(Trajectory::name).toList());
        assertEquals(ROSENBROCK.record(sf).points(), runs.get(1).points());
        assertArrayEquals(sf.x(), runs.get(0).end().toArray(), 0.0);
        assertArrayEquals(sf.z(), runs.get(2).end().toArray(), 0.0);
        for (Trajectory run : runs) {
            assertEquals(51, run.points().size());
        }
    }

    @Test
    void onANoisySurfaceTheAverageXEndsCloserToTheMinimumThanZ() {
        // the point of schedule-free: the average smooths the noise that a constant rate leaves in z
        TrajectoryRecorder noisy = TrajectoryRecorder.on(Surfaces.noisyQuadratic(0.5, 2, 2, 5)).steps(300);
        List<Trajectory> runs = noisy.recordSequences(Optimizers.scheduleFreeAdamW(0.1));
        double x = runs.get(0).finalLoss();
        double z = runs.get(2).finalLoss();
        assertTrue(x < z, "x " + x + ", z " + z);
    }

    @Test
    void tableHasStepXYAndLossPerPoint() {
        Trajectory run = ROSENBROCK.steps(3).record(Optimizers.adam(0.05));
        Table table = run.toTable();
        assertEquals(List.of("step", "x", "y", "loss"), table.columnNames());
        assertEquals(4, table.rowCount());
        assertEquals("Adam", table.name());
        assertEquals(3, table.intColumn("step").getInt(3));
        assertEquals(run.end().x(), table.doubleColumn("x").getDouble(3), 0.0);
        assertEquals(run.finalLoss(), table.doubleColumn("loss").getDouble(3), 0.0);
    }

    @Test
    void seriesArraysFollowThePoints() {
        Trajectory run = ROSENBROCK.steps(2).record(Optimizers.adam(0.05));
        assertArrayEquals(new double[] {run.points().get(0).x(), run.points().get(1).x(), run.end().x()},
                run.xs(), 0.0);
        assertEquals(3, run.ys().length);
        assertEquals(run.finalLoss(), run.lossArray()[2], 0.0);
    }

    @Test
    void explodingLossStopsTheRunAndIsFlagged() {
        Trajectory run = TrajectoryRecorder.on(Surfaces.illConditioned()).steps(1000).explosionFactor(100)
                .record(Optimizers.gd(1.0));
        assertTrue(run.diverged());
        assertTrue(run.steps() < 10, "ran " + run.steps() + " steps");
        assertTrue(run.finalLoss() <= 100 * run.losses().get(0));
    }

    @Test
    void nonFiniteLossStopsTheRunAndIsFlagged() {
        Optimizer blowUp = Optimizers.gd(step -> step == 3 ? Double.MAX_VALUE : 0.01);
        Trajectory run = ROSENBROCK.explosionFactor(Double.MAX_VALUE).record(blowUp);
        assertTrue(run.diverged());
        assertEquals(3, run.steps());
    }

    @Test
    void gradientDescentOnTheSaddleSlidesOffTheRidge() {
        Trajectory run = TrajectoryRecorder.on(Surfaces.saddle()).steps(60).record(Optimizers.gd(0.1));
        // x shrinks by 0.8 per step toward the saddle point, y grows by 1.2 away from it.
        assertTrue(Math.abs(run.points().get(10).x()) < 0.2);
        assertTrue(Math.abs(run.end().y()) > 1.0);
        assertTrue(run.finalLoss() < 0);
    }

    @Test
    void listsCannotBeModified() {
        Trajectory run = ROSENBROCK.steps(2).record(Optimizers.adam(0.05));
        assertThrows(UnsupportedOperationException.class, () -> run.points().add(Point.of(0, 0)));
        assertThrows(UnsupportedOperationException.class, () -> run.losses().set(0, 1.0));
    }

    @Test
    void firstStepBelowFindsWhenTheLossIsReached() {
        Trajectory run = new Trajectory("t", List.of(Point.of(0, 0), Point.of(1, 1), Point.of(2, 2)),
                List.of(5.0, 2.0, 0.5), false);
        assertEquals(1, run.firstStepBelow(3.0).orElseThrow());
        assertEquals(0, run.firstStepBelow(6.0).orElseThrow());
        assertTrue(run.firstStepBelow(0.1).isEmpty());
    }
}
