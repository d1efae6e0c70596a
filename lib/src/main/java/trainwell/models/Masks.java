package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import trainwell.core.Args;

/**
 * Attention masks as ADDITIVE float arrays broadcastable to (B, heads, Tq, Tk): 0 where a query may look,
 * {@link #BLOCKED} where it may not. A large finite value rather than -infinity keeps a fully masked row
 * finite (uniform weights) instead of NaN; exp(-1e9) is exactly 0 in float32.
 */
public final class Masks {

    /** The score added at blocked positions. */
    public static final float BLOCKED = -1e9f;

    private Masks() {}

    /** Causal mask (1, 1, t, t): query i sees keys 0..i. Built from a Java array, since DJL has no triu. */
    public static NDArray causal(NDManager manager, int t) {
        Args.positive("t", t);
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = BLOCKED;
            }
        }
        return manager.create(m, new Shape(1, 1, t, t));
    }

    /** Mask (1, 1, Tq, Tk) from a Java array: allowed[i][j] says whether query i may look at key j. */
    public static NDArray fromAllowed(NDManager manager, boolean[][] allowed) {
        Args.check(allowed != null && allowed.length > 0, "allowed", "must have at least one row", allowed);
        int tq = allowed.length;
        int tk = allowed[0].length;
        float[] m = new float[tq * tk];
        for (int i = 0; i < tq; i++) {
            Args.check(allowed[i].length == tk, "allowed[" + i + "].length", "must equal " + tk, allowed[i].length);
            for (int j = 0; j < tk; j++) {
                m[i * tk + j] = allowed[i][j] ? 0 : BLOCKED;
            }
        }
        return manager.create(m, new Shape(1, 1, tq, tk));
    }

    /** Key-padding mask (B, 1, 1, T) from a (B, T) array with 1 for real tokens and 0 for padding. */
    public static NDArray padding(NDArray real) {
        Args.check(real.getShape().dimension() == 2, "real", "must have shape (B, T)", real.getShape());
        long b = real.getShape().get(0);
        long t = real.getShape().get(1);
        return real.toType(DataType.FLOAT32, false).sub(1).muli(-BLOCKED).reshape(b, 1, 1, t);
    }

    /** The (B, T) float array with 1 where {@code ids} is not {@code padId}, 0 where it is. */
    public static NDArray realTokens(NDManager manager, int[][] ids, int padId) {
        int b = ids.length;
        int t = ids[0].length;
        float[] m = new float[b * t];
        for (int i = 0; i < b; i++) {
            Args.check(ids[i].length == t, "ids[" + i + "].length", "must equal " + t, ids[i].length);
            for (int j = 0; j < t; j++) {
                m[i * t + j] = ids[i][j] == padId ? 0 : 1;
            }
        }
        return manager.create(m, new Shape(b, t));
    }

    /** Rows of different lengths padded on the right with {@code padId} to the longest row. */
    public static int[][] padRight(int[][] rows, int padId) {
        Args.check(rows != null && rows.length > 0, "rows", "must have at least one row", rows);
        int t = 1;
        for (int[] r : rows) {
            t = Math.max(t, r.length);
        }
        int[][] out = new int[rows.length][t];
        for (int i = 0; i < rows.length; i++) {
            java.util.Arrays.fill(out[i], padId);
            System.arraycopy(rows[i], 0, out[i], 0, rows[i].length);
        }
        return out;
    }

    /** The sum of two additive masks (either may be null). */
    public static NDArray combine(NDArray a, NDArray b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.add(b);
    }
}
