package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The teaching Muon on {@code double[][]} and its spec: steps against a torch float64 script written from the
 * reference's formulas (lib/reference/muon.py), the spectrum of its update, defaults, legend and bad input.
 */
public class MuonTest {

    static final double TOLERANCE = 1e-10;

    /** The cases of reference/muon/teaching.json (float64 steps of lib/reference/muon.py). */
    public static List<JsonObject> teachingCases() throws IOException {
        try (InputStream in = MuonTest.class.getResourceAsStream("/reference/muon/teaching.json")) {
            if (in == null) {
                throw new IOException("missing reference muon/teaching.json; run lib/reference/muon.py");
            }
            JsonArray cases = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getAsJsonObject().getAsJsonArray("cases");
            return cases.asList().stream().map(e -> e.getAsJsonObject()).toList();
        }
    }

    /** The spec of a teaching case. */
    public static OptimizerSpec.Muon specOf(JsonObject c) {
        MuonScaling scaling = c.get("scaling").getAsString().equals("reference") ? MuonScaling.REFERENCE : MuonScaling.MOONLIGHT;
        return OptimizerSpec.muon(c.get("weightDecay").getAsDouble()).withMomentum(c.get("momentum").getAsDouble())
                .withNesterov(c.get("nesterov").getAsBoolean()).withNsSteps(c.get("nsSteps").getAsInt()).withScaling(scaling);
    }

    private static double maxError(double[][] expected, double[][] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        return worst;
    }

    private static double[][] at(JsonObject c, String key, int t) {
        return NewtonSchulzTest.matrix(c.getAsJsonArray(key).get(t).getAsJsonArray());
    }

    @Test
    void updatesBuffersAndWeightsMatchTorchInDoublePrecision() throws IOException {
        double worst = 0;
        for (JsonObject c : teachingCases()) {
            OptimizerSpec.Muon spec = specOf(c);
            double[] lr = NewtonSchulzTest.vector(c.getAsJsonArray("lr"));
            double[][] weight = NewtonSchulzTest.matrix(c.getAsJsonArray("initial"));
            double[][] buffer = new double[weight.length][weight[0].length];
            double[][] stepBuffer = new double[weight.length][weight[0].length];
            for (int t = 0; t < lr.length; t++) {
                double[][] grad = at(c, "grads", t);
                double[][] update = Muon.update(grad, buffer, spec);
                Muon.step(weight, grad, stepBuffer, lr[t], spec);
                String where = c.get("name").getAsString() + " step " + t;
                double err = Math.max(maxError(at(c, "updates", t), update),
                        Math.max(maxError(at(c, "buffers", t), buffer), maxError(at(c, "weights", t), weight)));
                assertTrue(err < TOLERANCE, where + ": error " + err);
                assertEquals(0, maxError(buffer, stepBuffer), where + ": step and update share the momentum rule");
                worst = Math.max(worst, err);
            }
        }
        System.out.printf("teaching Muon vs torch float64: worst absolute error %.2e%n", worst);
    }

    private static double[][] gaussian(int rows, int cols, long seed) {
        Random random = new Random(seed);
        double[][] g = new double[rows][cols];
        for (double[] row : g) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return g;
    }

    /** Measured, not assumed: the update of a random gradient, orthogonalized in 5 steps, has every singular value in about [0.6, 1.2]. */
    @Test
    void theUpdateOfARandomGradientHasSingularValuesBetweenAboutPointSixAndOnePointTwo() {
        // reference scaling: factor 1 for a wide matrix, sqrt(rows/cols) for a tall one, divided out below
        OptimizerSpec.Muon spec = OptimizerSpec.muon().withScaling(MuonScaling.REFERENCE);
        for (int[] shape : new int[][] {{32, 64}, {64, 32}, {24, 40}}) {
            double[][] g = gaussian(shape[0], shape[1], 11 + shape[0]);
            double[][] update = Muon.update(g, new double[shape[0]][shape[1]], spec);
            double[] s = Matrices.singularValues(update);
            double factor = MuonScaling.REFERENCE.factor(shape[0], shape[1]);
            double[] gs = Matrices.singularValues(g);
            System.out.printf("%dx%d gradient: singular values %.3f .. %.3f (ratio %.1f); update / %.3f: %.3f .. %.3f%n",
                    shape[0], shape[1], gs[gs.length - 1], gs[0], gs[0] / gs[gs.length - 1], factor,
                    s[s.length - 1] / factor, s[0] / factor);
            for (double v : s) {
                assertTrue(v / factor >= 0.6 && v / factor <= 1.2, shape[0] + "x" + shape[1] + ": singular value "
                        + v / factor + " outside [0.6, 1.2]: " + Arrays.toString(s));
            }
        }
    }

    @Test
    void muonsUpdateSpectrumIsFlatAndAdamsIsNot() {
        // a gradient with a few dominant directions: low rank plus a little noise
        double[][] g = Matrices.add(Matrices.multiply(gaussian(16, 2, 1), gaussian(2, 24, 2)),
                Matrices.scale(gaussian(16, 24, 3), 0.05));
        Muon.Spectra spectra = Muon.spectra(g);
        Function<double[], Double> spread = s -> s[0] / s[s.length / 2]; // largest over median
        System.out.printf("largest / median singular value: gradient %.1f, Adam's update %.1f, Muon's update %.2f%n",
                spread.apply(spectra.gradient()), spread.apply(spectra.adam()), spread.apply(spectra.muon()));
        assertTrue(spread.apply(spectra.muon()) < 2, "Muon: " + Arrays.toString(spectra.muon()));
        assertTrue(spread.apply(spectra.adam()) > 5, "Adam: " + Arrays.toString(spectra.adam()));
        // Moonlight's scaling: entries of RMS 0.2, singular values near 0.2 sqrt(max(rows, cols)) = 0.98
        assertEquals(0.2 * Math.sqrt(24), spectra.muon()[0], 0.3);
    }

    @Test
    void adamsFirstUpdateIsTheSignOfTheGradient() {
        double[][] a = Muon.adamFirstUpdate(new double[][] {{0.3, -2}, {1e-3, -5e-4}});
        assertEquals(1, a[0][0], 1e-6);
        assertEquals(-1, a[0][1], 1e-6);
        assertEquals(1, a[1][0], 1e-4);
        assertEquals(-1, a[1][1], 1e-4);
    }

    @Test
    void defaultsAreTheReferencesWithMoonlightScalingAndAdamWAlongside() {
        OptimizerSpec.Muon m = OptimizerSpec.muon();
        assertEquals(new OptimizerSpec.Muon(0.95, true, 5, 0.1, MuonScaling.MOONLIGHT, OptimizerSpec.adamW(0.1)), m);
        assertEquals("Muon + AdamW (wd 0.1)", m.toString());
        assertEquals(0.3, m.withWeightDecay(0.3).adam().weightDecay());
        assertEquals(0.3, m.withWeightDecay(0.3).weightDecay());
        assertEquals("Muon (momentum 0.9, no Nesterov, 3 Newton-Schulz steps, reference scaling, wd 0.05) + AdamW (wd 0.1)",
                m.withMomentum(0.9).withNesterov(false).withNsSteps(3).withScaling(MuonScaling.REFERENCE)
                        .withWeightDecay(0.05).withAdam(OptimizerSpec.adamW(0.1)).toString());
    }

    @Test
    void scalingFactorsFollowTheReferenceAndMoonlight() {
        assertEquals(1.0, MuonScaling.REFERENCE.factor(4, 6));
        assertEquals(Math.sqrt(1.5), MuonScaling.REFERENCE.factor(6, 4), 1e-15);
        assertEquals(0.2 * Math.sqrt(6), MuonScaling.MOONLIGHT.factor(4, 6), 1e-15);
        assertEquals(0.2 * Math.sqrt(6), MuonScaling.MOONLIGHT.factor(6, 4), 1e-15);
    }

    @Test
    void theTeachingVersionOnAVectorPointsToTheMatrixStep() {
        var e = assertThrows(UnsupportedOperationException.class, () -> OptimizerSpec.muon().fromScratch(0.1));
        assertTrue(e.getMessage().contains("trainwell.optimizers.Muon"), e.getMessage());
    }

    private static void rejects(String argument, String value, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(argument + " "), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void badInputIsRejectedWithItsNameAndValue() {
        OptimizerSpec.Muon m = OptimizerSpec.muon();
        rejects("momentum", "1.0", () -> m.withMomentum(1.0));
        rejects("momentum", "-0.1", () -> m.withMomentum(-0.1));
        rejects("nsSteps", "0", () -> m.withNsSteps(0));
        rejects("weightDecay", "-0.1", () -> OptimizerSpec.muon(-0.1));
        rejects("weightDecay", "NaN", () -> m.withWeightDecay(Double.NaN));
        rejects("scaling", "null", () -> m.withScaling(null));
        rejects("adam", "null", () -> m.withAdam(null));
        rejects("rows", "0.0", () -> MuonScaling.MOONLIGHT.factor(0, 3));
        rejects("cols", "-2.0", () -> MuonScaling.REFERENCE.factor(3, -2));
        double[][] g = {{1, 2, 3}, {4, 5, 6}};
        rejects("grad[1]", "2", () -> Muon.update(new double[][] {{1, 2, 3}, {4, 5}}, new double[2][3], m));
        rejects("grad", "null", () -> Muon.update(null, new double[2][3], m));
        rejects("momentumBuffer", "3", () -> Muon.update(g, new double[3][3], m));
        rejects("momentumBuffer[0]", "2", () -> Muon.update(g, new double[2][2], m));
        rejects("spec", "null", () -> Muon.update(g, new double[2][3], null));
        rejects("lr", "-1.0", () -> Muon.step(new double[2][3], g, new double[2][3], -1, m));
        rejects("weight", "3x2", () -> Muon.step(new double[3][2], g, new double[2][3], 0.1, m));
    }

    @Test
    void aRejectedStepLeavesTheMomentumBufferAlone() {
        double[][] buffer = new double[2][3];
        assertThrows(IllegalArgumentException.class,
                () -> Muon.step(new double[3][2], new double[][] {{1, 2, 3}, {4, 5, 6}}, buffer, 0.1, OptimizerSpec.muon()));
        assertEquals(0, Matrices.frobenius(buffer));
    }
}
