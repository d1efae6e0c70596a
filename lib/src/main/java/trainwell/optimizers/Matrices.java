package trainwell.optimizers;

import java.util.Arrays;
import trainwell.core.Args;

/**
 * Small dense matrices on {@code double[][]} (row-major, rows of equal length) for the teaching optimizers:
 * products, transposes, norms and singular values, written out plainly rather than fast.
 */
public final class Matrices {

    private Matrices() {}

    /** A deep copy of {@code m}, checked: at least one row and one column, rows of equal length. */
    public static double[][] copyChecked(String name, double[][] m) {
        Args.check(m != null && m.length > 0 && m[0] != null && m[0].length > 0, name, "must have at least one row and one column", m);
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            Args.check(m[i] != null && m[i].length == m[0].length, name + "[" + i + "]", "must have " + m[0].length + " columns",
                    m[i] == null ? null : m[i].length);
            c[i] = m[i].clone();
        }
        return c;
    }

    /** The transpose. */
    public static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** The product a b. */
    public static double[][] multiply(double[][] a, double[][] b) {
        Args.check(a[0].length == b.length, "b", "must have " + a[0].length + " rows to multiply", b.length);
        double[][] p = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < b[0].length; j++) {
                    p[i][j] += aik * b[k][j];
                }
            }
        }
        return p;
    }

    /** a + b, a new matrix. */
    public static double[][] add(double[][] a, double[][] b) {
        double[][] s = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                s[i][j] = a[i][j] + b[i][j];
            }
        }
        return s;
    }

    /** f m, a new matrix. */
    public static double[][] scale(double[][] m, double f) {
        double[][] s = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            s[i] = m[i].clone();
        }
        scaleInPlace(s, f);
        return s;
    }

    /** Multiplies every entry of m by f. */
    public static void scaleInPlace(double[][] m, double f) {
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= f;
            }
        }
    }

    /** The Frobenius norm, sqrt of the sum of squares. */
    public static double frobenius(double[][] m) {
        double s = 0;
        for (double[] row : m) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /**
     * The singular values of m, largest first (min(rows, cols) of them): square roots of the eigenvalues of the
     * smaller Gram matrix, found by cyclic Jacobi rotations to double precision.
     */
    public static double[] singularValues(double[][] m) {
        double[][] x = copyChecked("m", m);
        if (x.length > x[0].length) {
            x = transpose(x);
        }
        double[] eig = symmetricEigenvalues(multiply(x, transpose(x)));
        double[] s = new double[eig.length];
        for (int i = 0; i < eig.length; i++) {
            s[i] = Math.sqrt(Math.max(0, eig[i]));
        }
        Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }

    /** Eigenvalues of a symmetric matrix (unsorted), by the cyclic Jacobi method. */
    static double[] symmetricEigenvalues(double[][] sym) {
        int n = sym.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = sym[i].clone();
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30 * Math.max(1e-300, frobenius(a) * frobenius(a))) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                }
            }
        }
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = a[i][i];
        }
        return e;
    }
}
