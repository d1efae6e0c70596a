package trainwell.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import trainwell.schedules.OneCycle.Anneal;

/** Every public factory rejects bad arguments with an IllegalArgumentException naming the argument and value. */
class BadArgumentsTest {

    private static final double NAN = Double.NaN;

    /** The call throws IllegalArgumentException whose message starts with the argument name and ends with the value. */
    private static void rejects(String argument, Object value, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        String m = e.getMessage();
        assertTrue(m.startsWith(argument + " "), "names " + argument + ": " + m);
        assertTrue(m.endsWith("got " + value), "shows " + value + ": " + m);
    }

    @Test
    void constantRejectsNegativeOrNanRate() {
        rejects("lr", -0.1, () -> Schedules.constant(-0.1));
        rejects("lr", NAN, () -> Schedules.constant(NAN));
        rejects("lr", Double.POSITIVE_INFINITY, () -> Schedules.constant(Double.POSITIVE_INFINITY));
    }

    @Test
    void stepDecayRejectsBadRateZeroStepSizeAndNonPositiveGamma() {
        rejects("lr", NAN, () -> Schedules.stepDecay(NAN, 30, 0.1));
        rejects("stepSize", 0, () -> Schedules.stepDecay(0.1, 0, 0.1));
        rejects("gamma", 0.0, () -> Schedules.stepDecay(0.1, 30, 0.0));
        rejects("gamma", -0.5, () -> Schedules.stepDecay(0.1, 30, -0.5));
    }

    @Test
    void multiStepDecayRejectsBadGammaAndBadMilestones() {
        rejects("lr", -1.0, () -> Schedules.multiStepDecay(-1.0, 0.1, 10));
        rejects("gamma", 0.0, () -> Schedules.multiStepDecay(0.1, 0.0, 10));
        rejects("milestones", "[]", () -> Schedules.multiStepDecay(0.1, 0.1));
        rejects("milestones", "[50, 50]", () -> Schedules.multiStepDecay(0.1, 0.1, 50, 50));
        rejects("milestones", "[-1]", () -> Schedules.multiStepDecay(0.1, 0.1, -1));
        assertEquals("milestones must not be null",
                assertThrows(IllegalArgumentException.class, () -> Schedules.multiStepDecay(0.1, 0.1, (int[]) null))
                        .getMessage());
    }

    @Test
    void exponentialDecayRejectsNonPositiveGammaAndNanRate() {
        rejects("gamma", 0.0, () -> Schedules.exponentialDecay(0.1, 0.0));
        rejects("gamma", NAN, () -> Schedules.exponentialDecay(0.1, NAN));
        rejects("lr", NAN, () -> Schedules.exponentialDecay(NAN, 0.9));
    }

    @Test
    void polynomialDecayRejectsZeroLengthAndNonPositivePower() {
        rejects("totalSteps", 0, () -> Schedules.polynomialDecay(0.1, 0, 1.0));
        rejects("power", 0.0, () -> Schedules.polynomialDecay(0.1, 100, 0.0));
        rejects("lr", -0.1, () -> Schedules.polynomialDecay(-0.1, 100, 1.0));
    }

    @Test
    void linearDecayRejectsZeroLengthAndNegativeRate() {
        rejects("totalSteps", 0, () -> Schedules.linearDecay(0.1, 0));
        rejects("lr", -0.1, () -> Schedules.linearDecay(-0.1, 10));
    }

    @Test
    void linearRejectsNegativeFactorsAndZeroLength() {
        rejects("startFactor", -0.1, () -> Schedules.linear(0.1, -0.1, 1.0, 10));
        rejects("endFactor", NAN, () -> Schedules.linear(0.1, 0.5, NAN, 10));
        rejects("totalSteps", -5, () -> Schedules.linear(0.1, 0.5, 1.0, -5));
    }

    @Test
    void cosineAnnealingRejectsZeroPeriodAndBadRates() {
        rejects("tMax", 0, () -> Schedules.cosineAnnealing(0.1, 0, 0.0));
        rejects("etaMin", -1.0, () -> Schedules.cosineAnnealing(0.1, 100, -1.0));
        rejects("lr", Double.POSITIVE_INFINITY, () -> Schedules.cosineAnnealing(Double.POSITIVE_INFINITY, 100, 0.0));
    }

    @Test
    void cosineRejectsZeroLengthAndBadRates() {
        rejects("steps", 0, () -> Schedules.cosine(0.1, 0, 0.0));
        rejects("min", NAN, () -> Schedules.cosine(0.1, 100, NAN));
        rejects("peak", -0.1, () -> Schedules.cosine(-0.1, 100, 0.0));
    }

    @Test
    void cosineWithRestartsRejectsZeroPeriodAndZeroMultiplier() {
        rejects("t0", 0, () -> Schedules.cosineWithRestarts(0.1, 0, 1, 0.0));
        rejects("tMult", 0, () -> Schedules.cosineWithRestarts(0.1, 10, 0, 0.0));
        rejects("etaMin", NAN, () -> Schedules.cosineWithRestarts(0.1, 10, 2, NAN));
    }

    @Test
    void triangularRejectsZeroStepSizeAndMaxBelowBase() {
        rejects("stepSizeUp", 0, () -> Schedules.triangular(1e-3, 1e-2, 0));
        rejects("maxLr", 1e-4, () -> Schedules.triangular(1e-3, 1e-4, 10));
        rejects("baseLr", NAN, () -> Schedules.triangular(NAN, 1e-2, 10));
    }

    @Test
    void triangular2RejectsZeroStepSizeAndNegativeRate() {
        rejects("stepSizeUp", 0, () -> Schedules.triangular2(1e-3, 1e-2, 0));
        rejects("baseLr", -1e-3, () -> Schedules.triangular2(-1e-3, 1e-2, 10));
    }

    @Test
    void expRangeRejectsNonPositiveGamma() {
        rejects("gamma", 0.0, () -> Schedules.expRange(1e-3, 1e-2, 10, 0.0));
        rejects("gamma", -0.9, () -> Schedules.expRange(1e-3, 1e-2, 10, -0.9));
    }

    @Test
    void cyclicRejectsZeroDownLengthAndMissingMode() {
        rejects("stepSizeDown", 0, () -> Schedules.cyclic(1e-3, 1e-2, 10, 0, Cyclic.Mode.TRIANGULAR, 1.0));
        assertEquals("mode must not be null", assertThrows(IllegalArgumentException.class,
                () -> Schedules.cyclic(1e-3, 1e-2, 10, 10, null, 1.0)).getMessage());
    }

    @Test
    void cyclicMomentumRejectsMaxBelowBaseAndValuesAboveOne() {
        Cyclic c = Schedules.triangular(1e-3, 1e-2, 10);
        rejects("maxMomentum", 0.8, () -> c.momentum(0.9, 0.8));
        rejects("baseMomentum", 1.5, () -> c.momentum(1.5, 1.6));
    }

    @Test
    void oneCycleRejectsBadPeakAndTooFewSteps() {
        rejects("maxLr", 0.0, () -> Schedules.oneCycle(0.0, 100));
        rejects("maxLr", NAN, () -> Schedules.oneCycle(NAN, 100));
        rejects("totalSteps", 1, () -> Schedules.oneCycle(0.1, 1));
    }

    @Test
    void oneCycleRejectsPctStartOutsideZeroOne() {
        OneCycle c = Schedules.oneCycle(0.1, 100);
        rejects("pctStart", 0.0, () -> c.withPctStart(0.0));
        rejects("pctStart", 1.0, () -> c.withPctStart(1.0));
        rejects("pctStart", 1.5, () -> c.withPctStart(1.5));
        rejects("pctStart", NAN, () -> c.withPctStart(NAN));
        // a warm-up phase of one step or less would divide by zero in PyTorch's formula
        rejects("pctStart", 0.01, () -> c.withPctStart(0.01));
    }

    @Test
    void oneCycleRejectsBadDivFactorsMomentaAnnealAndThreePhaseWithoutRoom() {
        OneCycle c = Schedules.oneCycle(0.1, 100);
        rejects("divFactor", 0.0, () -> c.withDivFactors(0.0, 1e4));
        rejects("finalDivFactor", -1.0, () -> c.withDivFactors(25.0, -1.0));
        rejects("maxMomentum", 0.85, () -> c.withMomentum(0.95, 0.85));
        rejects("baseMomentum", -0.1, () -> c.withMomentum(-0.1, 0.9));
        rejects("pctStart", 0.6, () -> c.withPctStart(0.6).withThreePhase());
        assertEquals("anneal must not be null",
                assertThrows(IllegalArgumentException.class, () -> c.withAnneal(null)).getMessage());
        assertEquals(Anneal.COS, c.anneal());
    }

    @Test
    void linearWarmupRejectsZeroSteps() {
        rejects("steps", 0, () -> Schedules.linearWarmup(0));
        assertEquals("schedule must not be null",
                assertThrows(IllegalArgumentException.class, () -> Schedules.linearWarmup(10).then(null)).getMessage());
    }

    @Test
    void constantWarmupRejectsZeroStepsAndFactorOutsideZeroOne() {
        rejects("steps", -1, () -> Schedules.constantWarmup(-1, 0.1));
        rejects("factor", 1.5, () -> Schedules.constantWarmup(10, 1.5));
        rejects("factor", NAN, () -> Schedules.constantWarmup(10, NAN));
    }

    @Test
    void inverseSquareRootRejectsNonPositiveModelWidthAndWarmup() {
        rejects("dModel", 0, () -> Schedules.inverseSquareRoot(0, 4000));
        rejects("warmupSteps", 0, () -> Schedules.inverseSquareRoot(512, 0));
    }

    @Test
    void warmupCosineRejectsWarmupNotShorterThanTheRun() {
        rejects("warmupSteps", 1000, () -> Schedules.warmupCosine(1e-3, 1e-4, 1000, 1000));
        rejects("warmupSteps", 2000, () -> Schedules.warmupCosine(1e-3, 1e-4, 2000, 1000));
        rejects("warmupSteps", 0, () -> Schedules.warmupCosine(1e-3, 1e-4, 0, 1000));
    }

    @Test
    void warmupCosineRejectsBadRatesAndMinAbovePeak() {
        rejects("peak", NAN, () -> Schedules.warmupCosine(NAN, 1e-4, 10, 100));
        rejects("min", -1e-4, () -> Schedules.warmupCosine(1e-3, -1e-4, 10, 100));
        rejects("min", 1e-2, () -> Schedules.warmupCosine(1e-3, 1e-2, 10, 100));
        rejects("totalSteps", 0, () -> Schedules.warmupCosine(1e-3, 1e-4, 10, 0));
    }

    @Test
    void tableRejectsNegativeStepsAndNoSchedules() {
        rejects("steps", -1, () -> Schedules.table(-1, Schedules.constant(0.1)));
        rejects("schedules", 0, () -> Schedules.table(10));
    }

    @Test
    void scheduleMethodsRejectNegativeStepsAndBadScales() {
        Schedule s = Schedules.cosine(0.1, 100, 0.0);
        rejects("step", -1, () -> s.at(-1));
        rejects("steps", -1, () -> s.sample(-1));
        rejects("steps", -1, () -> s.events(-1));
        rejects("factor", 0.0, () -> s.scaledBy(0.0));
        rejects("factor", NAN, () -> s.scaledBy(NAN));
        assertEquals("legend must not be null",
                assertThrows(IllegalArgumentException.class, () -> s.named(null)).getMessage());
    }
}
