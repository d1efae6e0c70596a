package trainwell.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FloatFormatTest {

    private static double parse(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** PyTorch's float32 -> bfloat16 / float16 conversions (lib/reference/precision.py), value by value. */
    @Test
    void roundsAsPyTorchConverts() throws IOException {
        int rows = 0;
        try (InputStream in = FloatFormatTest.class.getResourceAsStream("/reference/precision/roundings.csv")) {
            if (in == null) {
                throw new IOException("missing reference file roundings.csv; run lib/reference/precision.py");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                double x = parse(f[0]);
                assertEquals(parse(f[1]), FloatFormat.BFLOAT16.round(x), 0, "bfloat16 of " + f[0]);
                assertEquals(parse(f[2]), FloatFormat.FLOAT16.round(x), 0, "float16 of " + f[0]);
                assertEquals(x, FloatFormat.FLOAT32.round(x), 0, "float32 of a float32 value " + f[0]);
                rows++;
            }
        }
        assertTrue(rows > 200, "rows read: " + rows);
    }

    @Test
    void rangesAndGapsAreTheFormats() {
        assertEquals(65504, FloatFormat.FLOAT16.max());
        assertEquals(Math.pow(2, -14), FloatFormat.FLOAT16.minNormal());
        assertEquals(Math.pow(2, -24), FloatFormat.FLOAT16.minSubnormal());
        assertEquals(Math.pow(2, -7), FloatFormat.BFLOAT16.epsilon());
        assertEquals(Float.MAX_VALUE, FloatFormat.FLOAT32.max());
        assertEquals(Float.MIN_VALUE, FloatFormat.FLOAT32.minSubnormal());
        // An update below half the gap is lost: 1 + 2^-9 stays 1 in bfloat16, not in float16.
        assertEquals(Math.pow(2, -7), FloatFormat.BFLOAT16.ulp(1.0));
        assertEquals(1.0, FloatFormat.BFLOAT16.round(1 + Math.pow(2, -9)));
        assertEquals(1 + Math.pow(2, -9), FloatFormat.FLOAT16.round(1 + Math.pow(2, -9)));
    }

    @Test
    void nanAndInfinityPassThroughAndBadInputIsNamed() {
        assertTrue(Double.isNaN(FloatFormat.FLOAT16.round(Double.NaN)));
        assertEquals(Double.NEGATIVE_INFINITY, FloatFormat.BFLOAT16.round(Double.NEGATIVE_INFINITY));
        double[] v = {1e-9, 3, 70000};
        FloatFormat.FLOAT16.roundAll(v);
        assertEquals(0, v[0]);
        assertEquals(Double.POSITIVE_INFINITY, v[2]);
        var e = assertThrows(IllegalArgumentException.class, () -> FloatFormat.FLOAT16.ulp(Double.NaN));
        assertTrue(e.getMessage().startsWith("x"), e.getMessage());
    }
}
