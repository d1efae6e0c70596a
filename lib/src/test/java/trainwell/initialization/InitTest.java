package trainwell.initialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InitTest {

    private static final Shape BIG = new Shape(512, 512);
    private static NDManager manager;

    @BeforeAll
    static void open() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static double std(Init init, Shape shape) {
        try (NDManager sub = manager.newSubManager()) {
            return LayerStatistics.meanStd(init.initialize(sub, shape, DataType.FLOAT32).toFloatArray())[1];
        }
    }

    private static void assertStdWithin5Percent(double expected, Init init, Shape shape) {
        double actual = std(init, shape);
        assertEquals(expected, actual, 0.05 * expected, () -> init + " std " + actual + " vs " + expected);
    }

    @Test
    void xavierUniformHasVarianceTwoOverFanInPlusFanOut() {
        assertStdWithin5Percent(Math.sqrt(2.0 / 1024), Init.xavierUniform(1), BIG);
    }

    @Test
    void xavierNormalHasVarianceTwoOverFanInPlusFanOut() {
        assertStdWithin5Percent(Math.sqrt(2.0 / (512 + 256)), Init.xavierNormal(1), new Shape(256, 512));
    }

    @Test
    void kaimingNormalHasVarianceTwoOverFanIn() {
        assertStdWithin5Percent(Math.sqrt(2.0 / 256), Init.kaimingNormal(Math.sqrt(2)), new Shape(512, 256));
    }

    @Test
    void kaimingUniformHasVarianceTwoOverFanIn() {
        assertStdWithin5Percent(Math.sqrt(2.0 / 512), Init.kaimingUniform(Math.sqrt(2)), BIG);
    }

    @Test
    void normalHasTheGivenStd() {
        assertStdWithin5Percent(0.02, Init.normal(0.02), BIG);
    }

    @Test
    void truncatedNormalHasTheStdItsNameSays() {
        assertStdWithin5Percent(0.02, Init.truncatedNormal(0.02), BIG);
    }

    @Test
    void truncatedNormalIsCutAtTwoOfItsSigmas() {
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = Init.truncatedNormal(0.02).initialize(sub, BIG, DataType.FLOAT32);
            double sigma = 0.02 / 0.8796;
            assertTrue(x.abs().max().getFloat() <= 2 * sigma + 1e-7);
            assertTrue(x.abs().max().getFloat() > 1.9 * sigma, "the tails reach the cut");
        }
    }

    @Test
    void pytorchTruncNormalWithBoundsInStdUnitsShrinksTheStdTo0Point88() {
        Init init = Init.truncatedNormal(0, 1, -2, 2);
        assertEquals(0.879626, init.targetStd(BIG), 1e-5);
        assertStdWithin5Percent(0.879626, init, BIG);
    }

    @Test
    void pytorchTruncNormalWithAbsoluteBoundsTwoBarelyCutsSmallStds() {
        Init init = Init.truncatedNormal(0, 0.02, -2, 2);
        assertEquals(0.02, init.targetStd(BIG), 1e-9);
        assertStdWithin5Percent(0.02, init, BIG);
    }

    @Test
    void truncatedNormalTargetStdAgreesWithTheTwoSigmaFactor() {
        assertEquals(0.02, Init.truncatedNormal(0.02).targetStd(BIG), 1e-9);
    }

    @Test
    void stackedSlicesUseTheirOwnFans() {
        // A fused QKV (3d, d) drawn as three (d, d) Xavier blocks has std sqrt(2/(2d)), not sqrt(2/(4d)).
        Init fused = Init.stacked(List.of(Init.xavierUniform(1), Init.xavierUniform(1), Init.xavierUniform(1)));
        assertStdWithin5Percent(Math.sqrt(2.0 / 1024), fused, new Shape(3 * 512, 512));
    }

    @Test
    void stackedSlicesKeepTheirOwnDistributions() {
        Init init = Init.stacked(List.of(Init.zeros(), Init.ones()));
        try (NDManager sub = manager.newSubManager()) {
            float[] v = init.initialize(sub, new Shape(4, 3), DataType.FLOAT32).toFloatArray();
            assertEquals(0f, v[0]);
            assertEquals(0f, v[5]);
            assertEquals(1f, v[6]);
            assertEquals(1f, v[11]);
        }
    }

    @Test
    void fansFollowPyTorchForOutInLayout() {
        assertEquals(64, Init.fanIn(new Shape(256, 64)));
        assertEquals(256, Init.fanOut(new Shape(256, 64)));
        assertEquals(10, Init.fanIn(new Shape(10)));
    }

    @Test
    void negativeStdIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Init.normal(-0.1));
        assertTrue(e.getMessage().contains("std") && e.getMessage().contains("-0.1"), e.getMessage());
    }

    @Test
    void truncationBoundsMustBeOrdered() {
        var e = assertThrows(IllegalArgumentException.class, () -> Init.truncatedNormal(0, 1, 2, -2));
        assertTrue(e.getMessage().startsWith("a "), e.getMessage());
    }
}
