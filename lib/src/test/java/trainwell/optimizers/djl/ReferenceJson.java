package trainwell.optimizers.djl;

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

/** Reads the PyTorch reference JSON files written by the scripts in lib/reference (djl_optimizers.py, z_loss.py). */
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
