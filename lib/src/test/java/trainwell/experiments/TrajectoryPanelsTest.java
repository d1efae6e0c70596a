package trainwell.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import trainwell.optimizers.Optimizers;
import trainwell.optimizers.Surfaces;
import trainwell.optimizers.Trajectory;
import trainwell.optimizers.TrajectoryRecorder;

class TrajectoryPanelsTest {

    private static List<Trajectory> runs() {
        return TrajectoryRecorder.on(Surfaces.illConditioned()).steps(30)
                .recordAll(Optimizers.gd(0.4), Optimizers.momentum(0.1, 0.9), Optimizers.adam(0.3));
    }

    @Test
    void theImageHoldsOnePanelPerTrajectoryInRowsOfTheChosenColumns() {
        var panels = Trajectories.panels("t", Surfaces.illConditioned(), runs()).columns(2).panelSize(200, 150);
        BufferedImage image = panels.image();
        assertEquals(3, panels.panels());
        assertEquals(2 * 200, image.getWidth());
        assertTrue(image.getHeight() >= 2 * 150, "two rows: " + image.getHeight());
    }

    @Test
    void eachPanelDrawsItsTrajectoryInItsOwnColourOfTheOneMapPicture() {
        var one = Trajectories.contour("one map", Surfaces.illConditioned(), runs());
        var panels = Trajectories.panels("t", Surfaces.illConditioned(), runs());
        for (int i = 0; i < 3; i++) {
            assertEquals(one.trajectoryColor(i), panels.panel(i).trajectoryColor(0));
        }
    }

    @Test
    void pointsOutsideTheBoxAreClampedSoTheImageStillRenders() {
        var far = TrajectoryRecorder.on(Surfaces.illConditioned()).steps(5).recordAll(Optimizers.gd(0.55));
        var panels = Trajectories.panels("t", Surfaces.illConditioned(), far).box(-1, 1, -1, 1);
        assertEquals(panels.panel(0).image().getWidth(), 330);
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Trajectories.panels("t", Surfaces.illConditioned(), List.of()));
        assertTrue(e.getMessage().contains("trajectories"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Trajectories.panels("t", Surfaces.illConditioned(), runs()).columns(0));
        assertTrue(e.getMessage().contains("columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Trajectories.panels("t", Surfaces.illConditioned(), runs()).panel(3));
        assertTrue(e.getMessage().contains("i"), e.getMessage());
    }
}
