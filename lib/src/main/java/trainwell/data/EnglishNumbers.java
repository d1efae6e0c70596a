package trainwell.data;

import trainwell.core.Args;

/**
 * Writes whole numbers as English words, American style: no "and", hyphens between tens and units
 * ("two hundred eleven thousand two hundred forty-eight").
 */
public final class EnglishNumbers {

    /** The largest number this class writes. */
    public static final int MAX = 999_999_999;

    static final String[] UNITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

    private EnglishNumbers() {}

    /** The words for {@code n}, 0 to {@value #MAX}: 0 -> "zero", 21 -> "twenty-one", 1001 -> "one thousand one". */
    public static String words(int n) {
        Args.check(n >= 0 && n <= MAX, "n", "must be in [0, " + MAX + "]", n);
        if (n == 0) {
            return "zero";
        }
        StringBuilder out = new StringBuilder();
        appendGroup(out, n / 1_000_000, "million");
        appendGroup(out, n / 1000 % 1000, "thousand");
        appendGroup(out, n % 1000, "");
        return out.toString();
    }

    /** Words for 1..99 ("forty-eight"); also used for the two halves of a year. */
    static String belowHundred(int n) {
        if (n < 20) {
            return UNITS[n];
        }
        return n % 10 == 0 ? TENS[n / 10] : TENS[n / 10] + "-" + UNITS[n % 10];
    }

    private static void appendGroup(StringBuilder out, int group, String scale) {
        if (group == 0) {
            return;
        }
        if (group >= 100) {
            space(out).append(UNITS[group / 100]).append(" hundred");
        }
        if (group % 100 != 0) {
            space(out).append(belowHundred(group % 100));
        }
        if (!scale.isEmpty()) {
            space(out).append(scale);
        }
    }

    private static StringBuilder space(StringBuilder out) {
        return out.isEmpty() ? out : out.append(' ');
    }
}
