package trainwell.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import trainwell.core.Args;

/**
 * A synthetic translation task: draws (source, target) pairs at random, deterministically from a seed.
 * Make one with {@link Tasks}.
 */
public interface Task {

    /** A short name for tables and charts, e.g. "english numbers 0..999999". */
    String name();

    /** How many different sources the task can produce (saturates at Long.MAX_VALUE). */
    long size();

    /** One random pair, drawn with {@code random}. */
    TextPair sample(Random random);

    /**
     * {@code count} pairs with pairwise different sources, in the order drawn, the same for the same seed
     * (so a train/test split of them never tests on a training example).
     */
    default List<TextPair> pairs(int count, long seed) {
        Args.nonNegative("count", count);
        Args.check(count <= size(), "count", "must not exceed the number of distinct sources (" + size() + ")", count);
        Random random = new Random(seed);
        Set<String> seen = new LinkedHashSet<>();
        List<TextPair> pairs = new ArrayList<>(count);
        while (pairs.size() < count) {
            TextPair pair = sample(random);
            if (seen.add(pair.source())) {
                pairs.add(pair);
            }
        }
        return List.copyOf(pairs);
    }
}
