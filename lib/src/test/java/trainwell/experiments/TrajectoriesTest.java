package trainwell.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import trainwell.core.Language;
import trainwell.optimizers.Optimizers;
import trainwell.optimizers.Surfaces;
import trainwell.optimizers.Trajectory;
import trainwell.optimizers.TrajectoryRecorder;

class TrajectoriesTest {

    private static final Surfaces.Quadratic QUADRATIC = Surfaces.illConditioned();

    private static List<Trajectory> gdAtThreeRates() {
        // 2/L = 0.5 on 0.1 x^2 + 2 y^2: 0.4 converges, 0.6 diverges; 0.01 crawls.
        return TrajectoryRecorder.on(QUADRATIC).steps(200)
                .recordAll(Optimizers.gd(0.4), Optimizers.gd(0.01), Optimizers.gd(0.6));
    }

    @Test
    void theStepsTablesTitleIsInTheKernelsLanguage() {
        assertEquals("steps to loss < 0.001", Trajectories.stepsTo(1e-3, gdAtThreeRates()).name());
        System.setProperty(Language.PROPERTY, "zh");
        try {
            Table t = Trajectories.stepsTo(1e-3, gdAtThreeRates());
            assertEquals("损失降到 0.001 以下所需的步数", t.name());
            assertTrue(t.containsColumn("steps to loss < 0.001"), "the column keeps its name: " + t.columnNames());
        } finally {
            System.clearProperty(Language.PROPERTY);
        }
    }

    @Test
    void stepsToHasOneRowPerTrajectoryWithTheFirstStepBelowTheTolerance() {
        List<Trajectory> runs = gdAtThreeRates();
        Table t = Trajectories.stepsTo(1e-3, runs);
        assertEquals(3, t.rowCount());
        assertEquals(runs.get(0).firstStepBelow(1e-3).getAsInt(), t.intColumn(1).getInt(0));
        assertEquals(runs.get(0).finalLoss(), t.doubleColumn("final loss").getDouble(0));
    }

    @Test
    void stepsToTellsReachedNotReachedAndDiverged() {
        Table t = Trajectories.stepsTo(1e-3, gdAtThreeRates());
        assertEquals(List.of("reached", "not reached", "diverged"), t.stringColumn("outcome").asList());
        assertTrue(t.intColumn(1).isMissing(1), "a run that never reached the tolerance has no step count");
    }

    @Test
    void repeatedNamesGetNumberedAndDivergedRunsAreLabelled() {
        Table t = Trajectories.stepsTo(1e-3, gdAtThreeRates());
        assertEquals(List.of("GD", "GD #2", "GD (diverged)"), t.stringColumn("optimizer").asList());
    }

    @Test
    void contourDrawsTrajectoriesWithRepeatedNamesAndADivergedOne() {
        assertNotNull(Trajectories.contour(QUADRATIC, gdAtThreeRates()).image());
    }

    @Test
    void lossCurvesDrawALossOfExactlyZeroAsAGap() {
        // From (0, 1), GD at 1/(2b) = 0.25 lands exactly on the minimum: loss 0, which a log axis cannot show.
        Trajectory exact = TrajectoryRecorder.on(QUADRATIC).from(0, 1).steps(3).record(Optimizers.gd(0.25));
        assertEquals(0.0, exact.finalLoss());
        assertNotNull(Trajectories.losses("exact", List.of(exact)).image());
    }

    @Test
    void noTrajectoriesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Trajectories.stepsTo(1e-3, List.of()));
    }
}
