package trainwell.training;

import java.util.List;
import trainwell.data.Batches;

/** Walks through epochs of shuffled index batches, a new shuffle (from the seed) every epoch. */
final class EpochCursor {

    private final int size;
    private final long seed;
    private List<int[]> epoch = List.of();
    private int epochIndex = -1;
    private int cursor;

    EpochCursor(int size, long seed) {
        this.size = size;
        this.seed = seed;
    }

    /** The next batch of indices (at most {@code batchSize}, never more than the data holds). */
    int[] next(int batchSize) {
        if (cursor >= epoch.size()) {
            epochIndex++;
            epoch = Batches.shuffled(size, Math.min(batchSize, size), seed * 1_000_003L + epochIndex);
            cursor = 0;
        }
        return epoch.get(cursor++);
    }
}
