package trainwell.optimizers.djl;


import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import trainwell.optimizers.OptimizerSpec;

/** The optimizers' reused scalar operands: the same numbers as fresh ones, bounded, freed by close(). */
class ScalarOperandsTest {

    /** AdamW written with plain number operands, as before the operands were reused. */
    private static void plainAdamW(NDArray w, NDArray g, NDArray m, NDArray v, int t, double lr, double wd) {
        w.muli((float) (1 - lr * wd));
        m.addi(g.sub(m).muli((float) (1 - 0.9)));
        v.muli((float) 0.999).addi(g.mul((float) (1 - 0.999)).muli(g));
        double bc1 = 1 - Math.pow(0.9, t);
        double bc2 = 1 - Math.pow(0.999, t);
        NDArray denom = v.sqrt().divi((float) Math.sqrt(bc2)).addi((float) 1e-8);
        w.addi(m.mul((float) (-lr / bc1)).divi(denom));
    }

    @Test
    void adamWStepsAreBitForBitThoseWithFreshScalars() {
        try (NDManager nd = NDManager.newBaseManager()) {
            Shape shape = new Shape(5, 7);
            NDArray w = nd.randomNormal(shape);
            NDArray expected = w.duplicate();
            NDArray m = nd.zeros(shape);
            NDArray v = nd.zeros(shape);
            TorchStyleOptimizer adamW = OptimizerSpec.adamW(0.1).djlBuilder().learningRate(s -> 0.01 / (s + 1)).build();
            for (int t = 1; t <= 40; t++) {
                NDArray g = nd.randomNormal(shape);
                adamW.update("w", w, g);
                plainAdamW(expected, g, m, v, t, 0.01 / t, 0.1);
                assertArrayEquals(expected.toFloatArray(), w.toFloatArray(), 0f, "step " + t);
            }
            adamW.close();
        }
    }

    @Test
    void aScalarIsCreatedOnceKeptBoundedAndFreedByClose() {
        try (NDManager nd = NDManager.newBaseManager()) {
            NDArray like = nd.zeros(new Shape(2));
            TorchStyleOptimizer opt = OptimizerSpec.adam().djlBuilder().learningRate(0.1).build();
            NDArray half = opt.scalar(like, 0.5);
            assertSame(half, opt.scalar(like, 0.5), "the same value is reused");
            assertEquals(0.5f, half.getFloat());
            assertEquals(0, half.getShape().dimension(), "a 0-dimensional array, like DJL's own scalar operands");
            for (int i = 0; i < 3 * TorchStyleOptimizer.CACHED_SCALARS; i++) {
                opt.scalar(like, 1 + i);
            }
            assertEquals(TorchStyleOptimizer.CACHED_SCALARS, opt.cachedScalars());
            assertTrue(half.isReleased(), "the least recently used value is freed when evicted");
            NDArray kept = opt.scalar(like, 3 * TorchStyleOptimizer.CACHED_SCALARS);
            opt.close();
            assertTrue(kept.isReleased());
            assertEquals(0, opt.cachedScalars());
            assertEquals(0.25f, opt.scalar(like, 0.25).getFloat(), "usable again after close()");
            opt.close();
        }
    }
}
