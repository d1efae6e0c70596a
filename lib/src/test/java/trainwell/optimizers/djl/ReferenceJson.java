package trainwell.optimizers.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the PyTorch reference JSON files written by the scripts in lib/reference (djl_optimizers.py, muon.py, z_loss.py) and replays optimizer steps. */
public final class ReferenceJson {

    private ReferenceJson() {}

    /** The JSON object in test resource reference/djl_optimizers/{file}. */
    public static JsonObject load(String file) {
        return load("djl_optimizers", file);
    }

    /** The JSON object in test resource reference/{folder}/{file}. */
    public static JsonObject load(String folder, String file) {
        String path = "/reference/" + folder + "/" + file;
        try (InputStream in = ReferenceJson.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of numbers as floats. */
    public static float[] floats(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsFloat();
        }
        return out;
    }

    /** A JSON array of numbers as doubles. */
    public static double[] doubles(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    /** A JSON array of integers as a long[] (for shapes). */
    public static long[] longs(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    /** The objects of a JSON array. */
    public static List<JsonObject> objects(JsonElement array) {
        List<JsonObject> out = new ArrayList<>();
        array.getAsJsonArray().forEach(e -> out.add(e.getAsJsonObject()));
        return out;
    }

    /** The largest |value|. */
    public static double maxAbs(float[] values) {
        double m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * Replays the case's steps: each step feeds the stored gradient of every parameter to {@code optimizer}
     * and checks the parameter against the stored value (normwise relative error, see
     * {@code OptimizerReferenceTest}); returns the worst error.
     */
    public static double replaySteps(String name, JsonObject c, List<Parameter> params, TorchStyleOptimizer optimizer,
            NDManager m, double tolerance) {
        List<JsonObject> steps = objects(c.get("steps"));
        double worst = 0;
        for (int t = 0; t < steps.size(); t++) {
            JsonObject s = steps.get(t);
            for (Parameter p : params) {
                try (NDManager stepManager = m.newSubManager()) {
                    NDArray grad = stepManager.create(floats(s.getAsJsonObject("grad").get(p.getName())), p.getArray().getShape());
                    optimizer.update(p.getId(), p.getArray(), grad);
                }
                float[] expected = floats(s.getAsJsonObject("param").get(p.getName()));
                double err = maxRelativeError(expected, p.getArray().toFloatArray(), maxAbs(expected));
                worst = Math.max(worst, err);
                assertTrue(err <= tolerance, name + " step " + t + " " + p.getName() + ": relative error " + err);
            }
        }
        System.out.printf("%s: worst relative error over %d steps %.2e%n", name, steps.size(), worst);
        return worst;
    }

    /** Largest |actual - expected| / max(|expected|, floor) over all elements. */
    public static double maxRelativeError(float[] expected, float[] actual, double floor) {
        if (expected.length != actual.length) {
            throw new AssertionError("length " + actual.length + " != " + expected.length);
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs((double) actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor);
            worst = Math.max(worst, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
        }
        return worst;
    }
}
