package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import trainwell.optimizers.djl.AdaGradOptimizer;
import trainwell.optimizers.djl.AdamOptimizer;
import trainwell.optimizers.djl.LionOptimizer;
import trainwell.optimizers.djl.ParameterGroups;
import trainwell.optimizers.djl.RmsPropOptimizer;
import trainwell.optimizers.djl.ScheduleFreeAdamOptimizer;
import trainwell.optimizers.djl.SgdOptimizer;
import trainwell.optimizers.djl.TorchStyleOptimizer;

/** The one place of each optimizer's defaults, checks and legend; both versions built from it. */
class OptimizerSpecTest {

    @Test
    void defaultsArePyTorchsAndThePapers() {
        assertEquals(new OptimizerSpec.Sgd(0, 0, false, 0), OptimizerSpec.sgd());
        assertEquals(new OptimizerSpec.Adam(0.9, 0.999, 1e-8, 0, false, false), OptimizerSpec.adam());
        assertEquals(new OptimizerSpec.Adam(0.9, 0.999, 1e-8, 0.01, true, false), OptimizerSpec.adamW());
        assertEquals(new OptimizerSpec.RmsProp(0.99, 1e-8, 0, false, 0), OptimizerSpec.rmsProp());
        assertEquals(new OptimizerSpec.AdaGrad(1e-10, 0, 0), OptimizerSpec.adaGrad());
        assertEquals(new OptimizerSpec.RAdam(0.9, 0.999, 1e-8, 0, false), OptimizerSpec.rAdam());
        assertEquals(new OptimizerSpec.Lion(0.9, 0.99, 0), OptimizerSpec.lion());
        // the defaults of facebookresearch/schedule_free's AdamWScheduleFreeReference
        assertEquals(new OptimizerSpec.ScheduleFreeAdam(0.9, 0.999, 1e-8, 0, 0), OptimizerSpec.scheduleFreeAdamW());
        assertEquals(new OptimizerSpec.ScheduleFreeAdam(0.9, 0.999, 1e-8, 0.1, 0), OptimizerSpec.scheduleFreeAdamW(0.1));
    }

    @Test
    void theTeachingFactoriesUseTheSameDefaults() {
        assertEquals(OptimizerSpec.adam(), Optimizers.adam(0.1).settings());
        assertEquals(OptimizerSpec.adamW(), Optimizers.adamW(0.1).settings());
        assertEquals(OptimizerSpec.rmsProp(), Optimizers.rmsProp(0.1).settings());
        assertEquals(OptimizerSpec.adaGrad(), Optimizers.adaGrad(0.1).settings());
        assertEquals(OptimizerSpec.rAdam(), Optimizers.rAdam(0.1).settings());
        assertEquals(OptimizerSpec.lion(), Optimizers.lion(0.1).settings());
        assertEquals(OptimizerSpec.momentum(0.9), Optimizers.momentum(0.1, 0.9).settings());
        assertEquals(OptimizerSpec.nesterov(0.9), Optimizers.nesterov(0.1, 0.9).settings());
        assertEquals(OptimizerSpec.sgd(), Optimizers.sgd(0.1).settings());
        assertEquals(OptimizerSpec.scheduleFreeAdamW(), Optimizers.scheduleFreeAdamW(0.1).settings());
    }

    @Test
    void legendsReadAsBefore() {
        assertEquals("SGD", OptimizerSpec.sgd().toString());
        assertEquals("SGD (wd 0.1)", OptimizerSpec.sgd().withWeightDecay(0.1).toString());
        assertEquals("Momentum 0.9", OptimizerSpec.momentum(0.9).toString());
        assertEquals("Momentum 0.9 (dampening 0.5)", OptimizerSpec.momentum(0.9).withDampening(0.5).toString());
        assertEquals("Nesterov 0.9", OptimizerSpec.nesterov(0.9).toString());
        assertEquals("Adam", OptimizerSpec.adam().toString());
        assertEquals("Adam (L2 0.01)", OptimizerSpec.adamL2(0.01).toString());
        assertEquals("AdamW (wd 0.1)", OptimizerSpec.adamW(0.1).toString());
        assertEquals("AdamW (wd 0.01) AMSGrad", OptimizerSpec.adamW().withAmsgrad(true).toString());
        assertEquals("RMSProp", OptimizerSpec.rmsProp().toString());
        assertEquals("RMSProp (centered)", OptimizerSpec.rmsProp().withCentered(true).toString());
        assertEquals("AdaGrad", OptimizerSpec.adaGrad().toString());
        assertEquals("RAdam", OptimizerSpec.rAdam().toString());
        assertEquals("Lion", OptimizerSpec.lion().toString());
        assertEquals("Lion (wd 0.1)", OptimizerSpec.lion().withWeightDecay(0.1).toString());
        assertEquals("Schedule-free AdamW", OptimizerSpec.scheduleFreeAdamW().toString());
        assertEquals("Schedule-free AdamW (wd 0.1)", OptimizerSpec.scheduleFreeAdamW(0.1).toString());
        assertEquals("Schedule-free AdamW (wd 0.1, warmup 100)",
                OptimizerSpec.scheduleFreeAdamW(0.1).withWarmupSteps(100).toString());
        assertEquals("Schedule-free AdamW (warmup 5)", OptimizerSpec.scheduleFreeAdamW().withWarmupSteps(5).toString());
    }

    @Test
    void weightDecayKeepsItsKind() {
        assertTrue(OptimizerSpec.adamW(0.1).withWeightDecay(0.5).decoupled());
        assertFalse(OptimizerSpec.adamL2(0.1).withWeightDecay(0.5).decoupled());
        assertEquals(0.5, OptimizerSpec.rAdam().withWeightDecay(0.5).weightDecay(), 0.0);
        assertNotEquals(OptimizerSpec.adamW(0.1), OptimizerSpec.adamL2(0.1));
        assertEquals(OptimizerSpec.adamW(0.1), OptimizerSpec.adam().withWeightDecay(0.1).withDecoupled(true));
    }

    @Test
    void eachFamilyBuildsItsTeachingVersion() {
        assertInstanceOf(GradientDescent.class, OptimizerSpec.sgd().fromScratch(0.1));
        assertEquals("SGD", OptimizerSpec.sgd().fromScratch(0.1).name());
        assertInstanceOf(Momentum.class, OptimizerSpec.nesterov(0.9).fromScratch(0.1));
        assertEquals("Nesterov 0.9", OptimizerSpec.nesterov(0.9).fromScratch(0.1).name());
        assertEquals("AdamW", OptimizerSpec.adamW().fromScratch(0.1).name());
        assertInstanceOf(RmsProp.class, OptimizerSpec.rmsProp().fromScratch(0.1));
        assertInstanceOf(AdaGrad.class, OptimizerSpec.adaGrad().fromScratch(0.1));
        assertInstanceOf(RAdam.class, OptimizerSpec.rAdam().fromScratch(0.1));
        assertInstanceOf(Lion.class, OptimizerSpec.lion().fromScratch(0.1));
        assertInstanceOf(ScheduleFreeAdam.class, OptimizerSpec.scheduleFreeAdamW(0.1).fromScratch(0.1));
        assertEquals("Schedule-free AdamW (wd 0.1)", OptimizerSpec.scheduleFreeAdamW(0.1).fromScratch(0.1).name());
        assertEquals(OptimizerSpec.scheduleFreeAdamW().withWarmupSteps(7),
                Optimizers.scheduleFreeAdamW(0.1).warmup(7).settings());
        assertEquals(OptimizerSpec.lion().withBetas(0.8, 0.9), OptimizerSpec.lion().withBetas(0.8, 0.9).fromScratch(step -> 0.1).settings());
    }

    @Test
    void eachFamilyBuildsItsDjlVersion() {
        var groups = ParameterGroups.uniform();
        assertInstanceOf(SgdOptimizer.class, OptimizerSpec.momentum(0.9).build(step -> 0.1, groups));
        assertInstanceOf(AdamOptimizer.class, OptimizerSpec.adamW().build(step -> 0.1, groups));
        assertInstanceOf(AdamOptimizer.class, OptimizerSpec.rAdam().build(step -> 0.1, groups));
        assertInstanceOf(RmsPropOptimizer.class, OptimizerSpec.rmsProp().build(step -> 0.1, groups));
        assertInstanceOf(AdaGradOptimizer.class, OptimizerSpec.adaGrad().build(step -> 0.1, groups));
        assertInstanceOf(LionOptimizer.class, OptimizerSpec.lion().build(step -> 0.1, groups));
        assertInstanceOf(ScheduleFreeAdamOptimizer.class, OptimizerSpec.scheduleFreeAdamW().build(step -> 0.1, groups));
        assertEquals(0.3, OptimizerSpec.adamW(0.3).build(step -> 0.1, groups).weightDecay(), 0.0);
    }

    @Test
    void theDjlVersionTakesItsRateFromTheScheduleAtZeroBasedSteps() {
        try (NDManager m = NDManager.newBaseManager();
                TorchStyleOptimizer sgd = OptimizerSpec.sgd().build(step -> 1.0 / (step + 1), ParameterGroups.uniform())) {
            NDArray p = m.create(new float[] {0f});
            sgd.update("p", p, m.create(new float[] {1f}));
            sgd.update("p", p, m.create(new float[] {1f}));
            assertEquals(-1.5f, p.getFloat(0), 0f);
        }
    }

    @Test
    void dampeningScalesTheGradientAddedAfterTheFirstStep() {
        Momentum damped = Optimizers.momentum(1.0, 0.5).dampening(0.5);
        double[] p = {0};
        damped.step(p, new double[] {1}); // v = g = 1 (no dampening on the first step)
        assertEquals(1.0, damped.velocity()[0], 0.0);
        damped.step(p, new double[] {1}); // v = 0.5 * 1 + 0.5 * 1
        assertEquals(1.0, damped.velocity()[0], 0.0);
        damped.step(p, new double[] {3}); // v = 0.5 * 1 + 0.5 * 3
        assertEquals(2.0, damped.velocity()[0], 0.0);
        assertEquals(-4.0, p[0], 0.0);
        assertEquals("Momentum 0.5 (dampening 0.5)", damped.name());
    }
}
