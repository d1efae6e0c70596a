package trainwell.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/** Shared check for the number converters: no two numbers in a range get the same words. */
final class NumberWordsSupport {

    private NumberWordsSupport() {}

    /**
     * Fails naming the numbers in [0, max] that share their words. Compares 64-bit fingerprints (a
     * million strings in a HashMap take seconds on a busy machine; sorting longs takes milliseconds);
     * a false alarm would need two different strings with one 64-bit hash, about 1 chance in 10^7.
     */
    static void assertAllDistinct(IntFunction<String> words, int max) {
        long[] fingerprints = new long[max + 1];
        for (int n = 0; n <= max; n++) {
            fingerprints[n] = fingerprint(words.apply(n));
        }
        long[] sorted = fingerprints.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                List<String> clash = new ArrayList<>();
                for (int n = 0; n <= max; n++) {
                    if (fingerprints[n] == sorted[i]) {
                        clash.add(n + " = " + words.apply(n));
                    }
                }
                fail("numbers with the same words: " + clash);
            }
        }
    }

    private static long fingerprint(String s) {
        long hash = 0xcbf29ce484222325L; // FNV-1a over the UTF-16 code units
        for (int i = 0; i < s.length(); i++) {
            hash = (hash ^ s.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }
}
