package trainwell.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import trainwell.core.Args;

/** Cuts example indices into batches: one epoch visits every example once. */
public final class Batches {

    private Batches() {}

    /** The indices 0..n-1 shuffled with {@code seed}, cut into batches of {@code batchSize} (the last may be smaller). */
    public static List<int[]> shuffled(int n, int batchSize, long seed) {
        List<Integer> order = order(n, batchSize);
        Collections.shuffle(order, new Random(seed));
        return cut(order, batchSize);
    }

    /** The indices 0..n-1 in order, cut into batches of {@code batchSize} (for evaluation). */
    public static List<int[]> inOrder(int n, int batchSize) {
        return cut(order(n, batchSize), batchSize);
    }

    private static List<Integer> order(int n, int batchSize) {
        Args.nonNegative("n", n);
        Args.positive("batchSize", batchSize);
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        return order;
    }

    private static List<int[]> cut(List<Integer> order, int batchSize) {
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            batches.add(order.subList(from, Math.min(order.size(), from + batchSize)).stream()
                    .mapToInt(Integer::intValue).toArray());
        }
        return List.copyOf(batches);
    }
}
