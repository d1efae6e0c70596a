package trainwell.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentBenchTest {

    @Test
    void bothLevelsRunTheSameRunsInOrderAndAgree() {
        ExperimentBench.Timed alone = ExperimentBench.once(2, 52, 1);
        ExperimentBench.Timed together = ExperimentBench.once(2, 52, 2);
        assertEquals(List.of(1L, 2L), together.runs().results().stream().map(r -> r.config().seed()).toList());
        assertTrue(alone.seconds() > 0 && together.seconds() > 0);
        double d = ExperimentBench.largestDifference(alone.runs(), together.runs());
        assertTrue(d <= 1e-4, "relative difference " + d);
        assertTrue(ExperimentBench.largestDifference(alone.runs(), ExperimentBench.once(2, 53, 1).runs()) > 1e-6,
                "a different experiment differs");
    }
}
