package trainwell.optimizers;

import trainwell.core.Args;

/**
 * Muon's orthogonalization (Keller Jordan 2024, KellerJordan/Muon {@code muon.py}): a matrix update G = U S V^T
 * is replaced by about U V^T, every singular value pushed toward 1, by a few steps of a quintic Newton-Schulz
 * iteration instead of an SVD. Scaled to Frobenius norm 1 (so every singular value is at most 1), each step
 * maps X to a X + b (X X^T) X + c (X X^T)^2 X, which acts on every singular value s alone as
 * s -> a s + b s^3 + c s^5 ({@link #map}). Muon's coefficients (a, b, c) = (3.4445, -4.7750, 2.0315) make the
 * slope at 0 steep, so small singular values grow fast; after 5 steps every singular value from 0.002 to 1 of
 * the scaled matrix lies in [0.68, 1.21] (NewtonSchulzTest) rather than exactly at 1, which Muon does not
 * need. A tall matrix is handled through its transpose, so the Gram matrix X X^T is the smaller one. The
 * reference runs in bfloat16; this one in double precision, checked against the same iteration in PyTorch
 * float64 (lib/reference/newton_schulz.py).
 */
public final class NewtonSchulz {

    /** Muon's quintic coefficients. */
    public static final double A = 3.4445, B = -4.7750, C = 2.0315;
    /** Added to the Frobenius norm before dividing by it. */
    public static final double EPS = 1e-7;
    /** Muon's number of steps. */
    public static final int STEPS = 5;

    private NewtonSchulz() {}

    /** One step on one singular value: a s + b s^3 + c s^5. */
    public static double map(double s) {
        double s2 = s * s;
        return s * (A + s2 * (B + C * s2));
    }

    /** {@code steps} steps of {@link #map} from s. */
    public static double iterate(double s, int steps) {
        Args.nonNegative("steps", steps);
        for (int i = 0; i < steps; i++) {
            s = map(s);
        }
        return s;
    }

    /** {@code g} (rows x cols, not changed) divided by its Frobenius norm and iterated {@code steps} times. */
    public static double[][] orthogonalize(double[][] g, int steps) {
        Args.nonNegative("steps", steps);
        double[][] x = Matrices.copyChecked("g", g);
        boolean transposed = x.length > x[0].length;
        if (transposed) {
            x = Matrices.transpose(x);
        }
        double norm = Matrices.frobenius(x) + EPS;
        Matrices.scaleInPlace(x, 1 / norm);
        for (int i = 0; i < steps; i++) {
            double[][] gram = Matrices.multiply(x, Matrices.transpose(x));
            double[][] poly = Matrices.add(Matrices.scale(gram, B), Matrices.scale(Matrices.multiply(gram, gram), C));
            x = Matrices.add(Matrices.scale(x, A), Matrices.multiply(poly, x));
        }
        return transposed ? Matrices.transpose(x) : x;
    }
}
