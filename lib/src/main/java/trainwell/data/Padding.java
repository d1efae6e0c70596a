package trainwell.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/** Builds right-padded (B, T) id arrays and their masks from rows of different lengths. */
final class Padding {

    /** Passed as prefix or suffix when a row gets none. */
    static final int NONE = -1;

    private Padding() {}

    /** int32 (B, T): each row as {@code [prefix] row [suffix]}, padded with {@code <pad>} (0) to the longest. */
    static NDArray ids(NDManager manager, List<int[]> rows, int prefix, int suffix) {
        int extra = (prefix == NONE ? 0 : 1) + (suffix == NONE ? 0 : 1);
        int width = longest(rows) + extra;
        int[] flat = new int[rows.size() * width]; // zero-filled, and 0 is <pad>
        for (int b = 0; b < rows.size(); b++) {
            int at = b * width;
            if (prefix != NONE) {
                flat[at++] = prefix;
            }
            int[] row = rows.get(b);
            System.arraycopy(row, 0, flat, at, row.length);
            if (suffix != NONE) {
                flat[at + row.length] = suffix;
            }
        }
        return manager.create(flat, new Shape(rows.size(), width));
    }

    /** float32 (B, T) matching {@link #ids} with {@code extra} added tokens: 1 on real tokens, 0 on padding. */
    static NDArray mask(NDManager manager, List<int[]> rows, int extra) {
        int width = longest(rows) + extra;
        float[] flat = new float[rows.size() * width];
        for (int b = 0; b < rows.size(); b++) {
            Arrays.fill(flat, b * width, b * width + rows.get(b).length + extra, 1f);
        }
        return manager.create(flat, new Shape(rows.size(), width));
    }

    private static int longest(List<int[]> rows) {
        int longest = 0;
        for (int[] row : rows) {
            longest = Math.max(longest, row.length);
        }
        return longest;
    }
}
