package trainwell.optimizers;

import trainwell.core.Args;

/**
 * Muon's step on one weight matrix, on {@code double[][]}, written out for a lesson: the momentum, the
 * orthogonalization and the scaling of {@link OptimizerSpec.Muon}, one line each (Keller Jordan 2024,
 * KellerJordan/Muon {@code muon.py}; Moonlight's scaling from Liu et al. 2025, arXiv 2502.16982).
 *
 * <p>The DJL version that trains models is {@code trainwell.optimizers.djl.MuonOptimizer}; both are checked
 * against the same torch script (lib/reference/muon.py), this one in float64. A typical notebook cell:
 *
 * <pre>{@code
 * var spectra = Muon.spectra(gradient);             // a gradient matrix, e.g. of W_Q
 * spectra.adam();  spectra.muon();                   // singular values: Adam's spread out, Muon's flat
 * }</pre>
 */
public final class Muon {

    private Muon() {}

    /**
     * Muon's update of one matrix for gradient {@code grad}, before the learning rate: updates
     * {@code momentumBuffer} in place ({@code b = lerp(b, g, 1 - momentum)}, all zeros before the first step),
     * takes the direction {@code u = lerp(g, b, momentum)} (Nesterov) or {@code b}, orthogonalizes it with
     * {@link NewtonSchulz#orthogonalize} and multiplies it by the spec's {@link MuonScaling} factor.
     *
     * @param grad the gradient, rows x cols (not changed)
     * @param momentumBuffer the matrix's momentum buffer, same shape, updated in place
     * @param spec momentum, Nesterov, Newton-Schulz steps and scaling
     * @return the update, a new rows x cols matrix (the step subtracts lr times it)
     */
    public static double[][] update(double[][] grad, double[][] momentumBuffer, OptimizerSpec.Muon spec) {
        Args.notNull("spec", spec);
        double[][] g = Matrices.copyChecked("grad", grad);
        int rows = g.length;
        int cols = g[0].length;
        Args.check(momentumBuffer != null && momentumBuffer.length == rows, "momentumBuffer",
                "must have " + rows + " rows like grad", momentumBuffer == null ? null : momentumBuffer.length);
        double beta = spec.momentum();
        double[][] u = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            double[] b = momentumBuffer[i];
            Args.check(b != null && b.length == cols, "momentumBuffer[" + i + "]", "must have " + cols + " columns",
                    b == null ? null : b.length);
            for (int j = 0; j < cols; j++) {
                b[j] += (1 - beta) * (g[i][j] - b[j]);                        // b = lerp(b, g, 1 - beta)
                u[i][j] = spec.nesterov() ? g[i][j] + beta * (b[j] - g[i][j]) : b[j]; // lerp(g, b, beta)
            }
        }
        double[][] x = NewtonSchulz.orthogonalize(u, spec.nsSteps());
        Matrices.scaleInPlace(x, spec.scaling().factor(rows, cols));
        return x;
    }

    /**
     * One Muon step on {@code weight} in place: {@code w = w (1 - lr wd) - lr update}, with the update of
     * {@link #update} and the spec's weight decay (decoupled, as AdamW's).
     *
     * @return the update that was applied (before the learning rate)
     */
    public static double[][] step(double[][] weight, double[][] grad, double[][] momentumBuffer, double lr,
            OptimizerSpec.Muon spec) {
        Args.nonNegative("lr", lr);
        double[][] w = Matrices.copyChecked("weight", weight);
        double[][] g = Matrices.copyChecked("grad", grad);
        Args.check(w.length == g.length && w[0].length == g[0].length, "weight",
                "must have the gradient's shape " + g.length + "x" + g[0].length, w.length + "x" + w[0].length);
        double[][] update = update(g, momentumBuffer, spec);
        double shrink = 1 - lr * spec.weightDecay();
        for (int i = 0; i < weight.length; i++) {
            for (int j = 0; j < weight[i].length; j++) {
                weight[i][j] = weight[i][j] * shrink - lr * update[i][j];
            }
        }
        return update;
    }

    /**
     * Adam's first update of the same gradient, before the learning rate: with bias correction it is
     * {@code g / (|g| + eps)}, about the sign of every entry. Computed by the teaching {@link Adam} itself
     * (the entries flattened to one vector, one step at learning rate 1).
     */
    public static double[][] adamFirstUpdate(double[][] grad) {
        double[][] g = Matrices.copyChecked("grad", grad);
        int cols = g[0].length;
        double[] flat = new double[g.length * cols];
        for (int i = 0; i < g.length; i++) {
            System.arraycopy(g[i], 0, flat, i * cols, cols);
        }
        Optimizer adam = OptimizerSpec.adam().fromScratch(1.0);
        adam.step(new double[flat.length], flat);
        double[] moved = adam.lastUpdate();
        double[][] out = new double[g.length][cols];
        for (int k = 0; k < moved.length; k++) {
            out[k / cols][k % cols] = -moved[k];
        }
        return out;
    }

    /**
     * The singular values (largest first) of a gradient, of Adam's first update of it and of Muon's first
     * update of it (zero momentum buffer, {@code spec}'s settings).
     */
    public static Spectra spectra(double[][] grad, OptimizerSpec.Muon spec) {
        double[][] g = Matrices.copyChecked("grad", grad);
        double[][] buffer = new double[g.length][g[0].length];
        return new Spectra(Matrices.singularValues(g), Matrices.singularValues(adamFirstUpdate(g)),
                Matrices.singularValues(update(g, buffer, spec)));
    }

    /** {@link #spectra(double[][], OptimizerSpec.Muon)} with {@code OptimizerSpec.muon()}'s defaults. */
    public static Spectra spectra(double[][] grad) {
        return spectra(grad, OptimizerSpec.muon());
    }

    /**
     * Singular values, largest first, of a gradient and of the two optimizers' updates of it. Muon's are all
     * about equal (its update moves every direction of the matrix by about the same amount); Adam's and the
     * gradient's are not.
     *
     * @param gradient of the gradient
     * @param adam of Adam's first update
     * @param muon of Muon's first update
     */
    public record Spectra(double[] gradient, double[] adam, double[] muon) {}
}
