package trainwell.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import trainwell.core.Args;

/** A dataset cut into training, validation and test parts that share no item. */
public record Split<T>(List<T> train, List<T> validation, List<T> test) {

    /** Makes the three lists immutable. */
    public Split {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /**
     * Shuffles {@code items} with {@code seed} and cuts them: {@code trainFraction} for training,
     * {@code validationFraction} for validation, the rest for testing. Sizes are rounded to the nearest
     * item; the test part gets what remains.
     */
    public static <T> Split<T> shuffled(List<T> items, double trainFraction, double validationFraction, long seed) {
        Args.notNull("items", items);
        Args.check(trainFraction > 0 && trainFraction <= 1, "trainFraction", "must be in (0, 1]", trainFraction);
        Args.inRange("validationFraction", validationFraction, 0, 1);
        // A little slack so that 0.8 + 0.2 (= 1.0000000000000002) is accepted.
        Args.check(trainFraction + validationFraction <= 1 + 1e-9, "validationFraction",
                "must be <= 1 - trainFraction (" + (1 - trainFraction) + ")", validationFraction);
        List<T> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, new Random(seed));
        int n = shuffled.size();
        int trainSize = (int) Math.round(n * trainFraction);
        int validationSize = Math.min(n - trainSize, (int) Math.round(n * validationFraction));
        return new Split<>(shuffled.subList(0, trainSize), shuffled.subList(trainSize, trainSize + validationSize),
                shuffled.subList(trainSize + validationSize, n));
    }

    /** Total number of items in the three parts. */
    public int size() {
        return train.size() + validation.size() + test.size();
    }

    @Override
    public String toString() {
        return "Split(train " + train.size() + ", validation " + validation.size() + ", test " + test.size() + ")";
    }
}
