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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

public class NewtonSchulzTest {

    private static JsonObject load(String name) throws IOException {
        try (InputStream in = NewtonSchulzTest.class.getResourceAsStream("/reference/newton_schulz/" + name + ".json")) {
            if (in == null) {
                throw new IOException("missing reference " + name + ".json; run lib/reference/newton_schulz.py");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    /** A JSON array of rows as a matrix. */
    public static double[][] matrix(JsonArray rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonArray r = rows.get(i).getAsJsonArray();
            m[i] = new double[r.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = r.get(j).getAsDouble();
            }
        }
        return m;
    }

    static double[] vector(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    /** The iteration and the singular values, against PyTorch float64 (wide, tall and square matrices). */
    @ParameterizedTest
    @ValueSource(strings = {"wide_4x6", "tall_6x4", "square_8x8"})
    void matchesPyTorchInDoublePrecision(String name) throws IOException {
        JsonObject ref = load(name);
        double[][] g = matrix(ref.getAsJsonArray("input"));
        double[][] expected = matrix(ref.getAsJsonArray("output"));
        double[][] out = NewtonSchulz.orthogonalize(g, NewtonSchulz.STEPS);
        double worst = 0;
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g[0].length; j++) {
                worst = Math.max(worst, Math.abs(out[i][j] - expected[i][j]));
            }
        }
        assertTrue(worst < 1e-12, name + ": worst difference " + worst);
        double[] s = Matrices.singularValues(g);
        double[] sRef = vector(ref.getAsJsonArray("input_singular_values"));
        double[] so = Matrices.singularValues(out);
        double[] soRef = vector(ref.getAsJsonArray("output_singular_values"));
        for (int i = 0; i < s.length; i++) {
            assertEquals(sRef[i], s[i], 1e-10 * sRef[0], name + ": singular value " + i + " of the input");
            assertEquals(soRef[i], so[i], 1e-10, name + ": singular value " + i + " of the output");
        }
    }

    /**
     * What Muon relies on: five steps take every singular value from 0.002 to 1 (of the norm-scaled matrix)
     * into [0.68, 1.21]; a value of 0.001 is still below 0.5 (about a^5 = 488 times larger, not yet near 1).
     */
    @Test
    void fiveStepsBringEverySingularValueNearOne() {
        for (double s = 2e-3; s <= 1; s *= 1.1) {
            double after = NewtonSchulz.iterate(s, 5);
            assertTrue(after >= 0.68 && after <= 1.21, "s = " + s + " -> " + after);
        }
        assertTrue(NewtonSchulz.iterate(1e-3, 5) < 0.5);
        assertEquals(NewtonSchulz.A, NewtonSchulz.map(1e-9) / 1e-9, 1e-6, "the slope at 0 is a");
        assertEquals(0.5, NewtonSchulz.iterate(0.5, 0));
    }

    @Test
    void badInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> NewtonSchulz.orthogonalize(new double[][] {{1, 2}, {3}}, 5));
        assertTrue(e.getMessage().startsWith("g[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NewtonSchulz.orthogonalize(new double[][] {{1}}, -1));
        assertTrue(e.getMessage().startsWith("steps"), e.getMessage());
    }

    @Test
    void singularValuesOfADiagonalMatrixAreItsEntries() {
        double[] s = Matrices.singularValues(new double[][] {{0, 3, 0}, {-2, 0, 0}});
        assertEquals(3, s[0], 1e-12);
        assertEquals(2, s[1], 1e-12);
        assertEquals(5, Matrices.frobenius(new double[][] {{3, 4}}), 0);
    }
}
