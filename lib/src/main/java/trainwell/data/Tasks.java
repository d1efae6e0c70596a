package trainwell.data;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import trainwell.core.Args;

/**
 * The synthetic translation tasks of the course, each a {@link Task}:
 * {@code Tasks.englishNumbers(0, 999_999).pairs(10_000, 42)}.
 */
public final class Tasks {

    private Tasks() {}

    /** English number words to digits: "two hundred eleven thousand two hundred forty-eight" -> "211248". */
    public static Task englishNumbers(int min, int max) {
        return new NumberTask("english numbers", min, max, EnglishNumbers.MAX, EnglishNumbers::words);
    }

    /** French number words to digits: "soixante et onze" -> "71", "quatre-vingts" -> "80". */
    public static Task frenchNumbers(int min, int max) {
        return new NumberTask("french numbers", min, max, FrenchNumbers.MAX, FrenchNumbers::words);
    }

    /** Chinese numerals to digits: "七十九万六千九百一十八" -> "796918". */
    public static Task chineseNumbers(int min, int max) {
        return new NumberTask("chinese numbers", min, max, ChineseNumbers.MAX, ChineseNumbers::numerals);
    }

    /** Dates in spoken English to ISO dates, uniform over the days of the years given (inclusive). */
    public static Task englishDates(int firstYear, int lastYear) {
        Args.check(firstYear >= EnglishDates.MIN_YEAR, "firstYear", "must be >= " + EnglishDates.MIN_YEAR, firstYear);
        Args.check(lastYear <= EnglishDates.MAX_YEAR, "lastYear", "must be <= " + EnglishDates.MAX_YEAR, lastYear);
        Args.check(firstYear <= lastYear, "lastYear", "must be >= firstYear (" + firstYear + ")", lastYear);
        return new DateTask(LocalDate.of(firstYear, 1, 1), LocalDate.of(lastYear, 12, 31));
    }

    /** Copy a random string of letters: "dbca" -> "dbca". Letters are the first {@code alphabet} of a..z. */
    public static Task copy(int alphabet, int minLength, int maxLength) {
        return new SequenceTask("copy", alphabet, minLength, maxLength, s -> s);
    }

    /** Reverse a random string of letters: "dbca" -> "acbd". */
    public static Task reverse(int alphabet, int minLength, int maxLength) {
        return new SequenceTask("reverse", alphabet, minLength, maxLength, s -> new StringBuilder(s).reverse().toString());
    }

    /** Sort the letters of a random string: "dbca" -> "abcd". */
    public static Task sort(int alphabet, int minLength, int maxLength) {
        return new SequenceTask("sort", alphabet, minLength, maxLength, s -> {
            char[] chars = s.toCharArray();
            Arrays.sort(chars);
            return new String(chars);
        });
    }

    private record NumberTask(String kind, int min, int max, IntFunction<String> words) implements Task {

        NumberTask(String kind, int min, int max, int limit, IntFunction<String> words) {
            this(kind, min, max, words);
            Args.check(min >= 0, "min", "must be >= 0", min);
            Args.check(max <= limit, "max", "must be <= " + limit, max);
            Args.check(min <= max, "max", "must be >= min (" + min + ")", max);
        }

        @Override
        public String name() {
            return kind + " " + min + ".." + max;
        }

        @Override
        public long size() {
            return (long) max - min + 1;
        }

        @Override
        public TextPair sample(Random random) {
            int n = min + random.nextInt(max - min + 1);
            return TextPair.of(words.apply(n), Integer.toString(n));
        }
    }

    private record DateTask(LocalDate first, LocalDate last) implements Task {

        @Override
        public String name() {
            return "english dates " + first.getYear() + ".." + last.getYear();
        }

        @Override
        public long size() {
            return last.toEpochDay() - first.toEpochDay() + 1;
        }

        @Override
        public TextPair sample(Random random) {
            LocalDate date = first.plusDays(random.nextInt((int) size()));
            return TextPair.of(EnglishDates.words(date), date.toString());
        }
    }

    private record SequenceTask(String kind, int alphabet, int minLength, int maxLength, UnaryOperator<String> rule)
            implements Task {

        SequenceTask {
            Args.check(alphabet >= 1 && alphabet <= 26, "alphabet", "must be in [1, 26]", alphabet);
            Args.positive("minLength", minLength);
            Args.check(maxLength >= minLength, "maxLength", "must be >= minLength (" + minLength + ")", maxLength);
        }

        @Override
        public String name() {
            return kind + " of " + minLength + ".." + maxLength + " letters from " + alphabet;
        }

        @Override
        public long size() {
            long total = 0;
            long strings = 1;
            for (int length = 1; length <= maxLength; length++) {
                strings = multiplySaturated(strings, alphabet);
                if (length >= minLength) {
                    total = total > Long.MAX_VALUE - strings ? Long.MAX_VALUE : total + strings;
                }
            }
            return total;
        }

        @Override
        public TextPair sample(Random random) {
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            char[] letters = new char[length];
            for (int i = 0; i < length; i++) {
                letters[i] = (char) ('a' + random.nextInt(alphabet));
            }
            String source = new String(letters);
            return TextPair.of(source, rule.apply(source));
        }

        private static long multiplySaturated(long a, long b) {
            return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
        }
    }
}
