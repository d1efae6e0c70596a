package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {

    @Test
    void linearTicksAreRoundNumbers() {
        List<Double> t = new Scale(0, 1, false).ticks(5);
        assertEquals(6, t.size());
        for (int i = 0; i < t.size(); i++) {
            assertEquals(i * 0.2, t.get(i), 1e-12);
        }
    }

    @Test
    void logTicksArePowersOfTenOverManyDecades() {
        assertEquals(List.of(1e-4, 1e-3, 1e-2, 1e-1, 1.0),
                new Scale(1e-4, 1, true).ticks(5).stream().map(v -> Double.parseDouble(String.format("%.0e", v))).toList());
    }

    @Test
    void logPositionIsLinearInTheExponent() {
        Scale s = new Scale(1e-3, 1e-1, true);
        assertEquals(0.5, s.position(1e-2), 1e-12);
        assertEquals(1e-2, s.value(0.5), 1e-15);
    }

    @Test
    void logScaleRejectsANonPositiveLowEnd() {
        assertThrows(IllegalArgumentException.class, () -> new Scale(0, 1, true));
    }

    @Test
    void viridisRunsFromDarkPurpleToYellow() {
        assertEquals(new Color(68, 1, 84), ColorMap.viridis(0));
        assertEquals(new Color(253, 231, 37), ColorMap.viridis(1));
        assertEquals(new Color(38, 130, 142), ColorMap.viridis(0.5));
    }
}
