package trainwell.initialization;

import java.util.Random;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;

/**
 * A plain-Java multilayer perceptron (square layers, no biases) for the initialization lesson: push a
 * batch of N(0, 1) inputs through {@code depth} layers and back, and see how the activation and gradient
 * spread change with depth for each initialization (Glorot and Bengio 2010; He et al. 2015).
 *
 * <p>The backward pass sends a random N(0, 1) signal from the output, i.e. the loss is
 * L = (1/B) sum_b sum_j r_bj y_bj with fixed random r, so gradients show what initialization does to
 * backpropagation without a task in the way.
 *
 * @param depth      number of layers
 * @param width      units per layer (inputs have the same width)
 * @param activation nonlinearity after every layer
 * @param init       how the weights are drawn
 */
public record DeepMlp(int depth, int width, Nonlinearity activation, WeightInit init) {

    /** The nonlinearity of every layer. */
    public enum Nonlinearity {
        /** tanh: saturates at +-1, derivative 1 - y^2. */
        TANH,
        /** max(0, x): halves the variance, so it needs He's factor 2. */
        RELU
    }

    /** Weight initializations to compare; fan_in = fan_out = width. */
    public enum WeightInit {
        /** All zeros: nothing flows forward or backward; every output and every gradient is zero. */
        ZERO,
        /** All 1/fan_in: every unit computes the same average, so the units never become different. */
        CONSTANT,
        /** N(0, 0.01^2): activations shrink layer by layer toward 0. */
        TOO_SMALL,
        /** N(0, 1): tanh saturates (ReLU explodes) after the first layers. */
        TOO_LARGE,
        /** Glorot normal N(0, 2/(fan_in + fan_out)): keeps tanh (near-linear) layers' variance. */
        XAVIER,
        /**
         * Glorot normal with gain 5/3, N(0, (5/3)^2 * 2/(fan_in + fan_out)): PyTorch's
         * {@code calculate_gain('tanh')}, which makes up for tanh shrinking the variance of its input.
         */
        XAVIER_TANH_GAIN,
        /** He normal N(0, 2/fan_in): keeps ReLU layers' variance. */
        HE
    }

    /** PyTorch's {@code torch.nn.init.calculate_gain('tanh')}. */
    public static final double TANH_GAIN = 5.0 / 3;

    /**
     * Standard deviations per layer (index 0 is the first layer).
     *
     * @param activationStd std of each layer's output over the batch and units
     * @param gradientStd   std of the loss gradient with respect to each layer's weight matrix
     */
    public record Result(double[] activationStd, double[] gradientStd) {
        /** A table with columns layer (1-based), activationStd, gradientStd. */
        public Table table() {
            int[] layers = IntStream.rangeClosed(1, activationStd.length).toArray();
            return Table.create("deep MLP statistics", IntColumn.create("layer", layers),
                    DoubleColumn.create("activationStd", activationStd), DoubleColumn.create("gradientStd", gradientStd));
        }
    }

    /** Validates the shape. */
    public DeepMlp {
        Args.positive("depth", depth);
        Args.positive("width", width);
        Args.notNull("activation", activation);
        Args.notNull("init", init);
    }

    /** Runs one forward and backward pass on {@code batch} random inputs; the same seed gives the same numbers. */
    public Result run(int batch, long seed) {
        Args.positive("batch", batch);
        Random random = new Random(seed);
        int w = width;
        double[][] weights = new double[depth][];
        double[][] transposed = new double[depth][];
        for (int l = 0; l < depth; l++) {
            weights[l] = draw(random);
            transposed[l] = transpose(weights[l], w);
        }
        double[][] outputs = new double[depth + 1][];
        outputs[0] = gaussian(random, batch * w, 1);
        for (int l = 0; l < depth; l++) {
            double[] z = multiply(outputs[l], transposed[l], batch, w);
            for (int i = 0; i < z.length; i++) {
                z[i] = activation == Nonlinearity.TANH ? Math.tanh(z[i]) : Math.max(0, z[i]);
            }
            outputs[l + 1] = z;
        }
        double[] activationStd = new double[depth];
        double[] gradientStd = new double[depth];
        double[] upstream = gaussian(random, batch * w, 1.0 / batch);
        for (int l = depth - 1; l >= 0; l--) {
            double[] y = outputs[l + 1];
            activationStd[l] = std(y);
            double[] dz = new double[upstream.length];
            for (int i = 0; i < dz.length; i++) {
                // Both derivatives can be read off the output: tanh' = 1 - y^2, relu' = [y > 0].
                double slope = activation == Nonlinearity.TANH ? 1 - y[i] * y[i] : (y[i] > 0 ? 1 : 0);
                dz[i] = upstream[i] * slope;
            }
            // dL/dW[j][k] = sum_b dz[b][j] h[b][k], i.e. dz^T h; dL/dh = dz W.
            gradientStd[l] = std(multiply(dz, true, outputs[l], w, batch, w));
            if (l > 0) {
                upstream = multiply(dz, weights[l], batch, w);
            }
        }
        return new Result(activationStd, gradientStd);
    }

    private double[] draw(Random random) {
        int n = width * width;
        return switch (init) {
            case ZERO -> new double[n];
            case CONSTANT -> filled(n, 1.0 / width);
            case TOO_SMALL -> gaussian(random, n, 0.01);
            case TOO_LARGE -> gaussian(random, n, 1);
            case XAVIER -> gaussian(random, n, Math.sqrt(2.0 / (width + width)));
            case XAVIER_TANH_GAIN -> gaussian(random, n, TANH_GAIN * Math.sqrt(2.0 / (width + width)));
            case HE -> gaussian(random, n, Math.sqrt(2.0 / width));
        };
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static double[] gaussian(Random random, int n, double std) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextGaussian() * std;
        }
        return a;
    }

    /** (rows x cols) row-major -> (cols x rows). */
    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    private static double[] transpose(double[] square, int n) {
        return transpose(square, n, n);
    }

    /** (rows x k) times (k x width). */
    private double[] multiply(double[] a, double[] b, int rows, int k) {
        return multiply(a, false, b, rows, k, width);
    }

    /**
     * (rows x k) times (k x cols), row-major; with {@code transposeA} the first operand is stored as its
     * transpose (k x rows). The inner loop runs along rows of b four at a time (i-k-j order, unrolled), so
     * the JIT can vectorise it and each output row is loaded once per four products; rows go to all cores.
     */
    private static double[] multiply(double[] a, boolean transposeA, double[] b, int rows, int k, int cols) {
        double[] c = new double[rows * cols];
        IntStream.range(0, rows).parallel().forEach(i -> {
            int ci = i * cols;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double v0 = transposeA ? a[p * rows + i] : a[i * k + p];
                double v1 = transposeA ? a[(p + 1) * rows + i] : a[i * k + p + 1];
                double v2 = transposeA ? a[(p + 2) * rows + i] : a[i * k + p + 2];
                double v3 = transposeA ? a[(p + 3) * rows + i] : a[i * k + p + 3];
                int b0 = p * cols;
                int b1 = b0 + cols;
                int b2 = b1 + cols;
                int b3 = b2 + cols;
                for (int j = 0; j < cols; j++) {
                    c[ci + j] += v0 * b[b0 + j] + v1 * b[b1 + j] + v2 * b[b2 + j] + v3 * b[b3 + j];
                }
            }
            for (; p < k; p++) {
                double v = transposeA ? a[p * rows + i] : a[i * k + p];
                int bp = p * cols;
                for (int j = 0; j < cols; j++) {
                    c[ci + j] += v * b[bp + j];
                }
            }
        });
        return c;
    }

    private static double std(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        double m = sum / a.length;
        double sq = 0;
        for (double v : a) {
            sq += (v - m) * (v - m);
        }
        return Math.sqrt(sq / a.length);
    }
}
