package trainwell.data;

import trainwell.core.Args;

/**
 * Writes whole numbers as French words in the traditional (pre-1990) spelling: hyphens only between
 * tens and units below one hundred, "et un" / "et onze" for 21..71, "quatre-vingts" and "deux cents"
 * with an s only when nothing follows, and "mille" invariable ("deux mille", "mille un").
 */
public final class FrenchNumbers {

    /** The largest number this class writes. */
    public static final int MAX = 999_999_999;

    private static final String[] UNITS = {"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit",
        "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"};
    private static final String[] TENS = {"", "", "vingt", "trente", "quarante", "cinquante", "soixante"};

    private FrenchNumbers() {}

    /** The words for {@code n}, 0 to {@value #MAX}: 71 -> "soixante et onze", 80 -> "quatre-vingts", 200 -> "deux cents". */
    public static String words(int n) {
        Args.check(n >= 0 && n <= MAX, "n", "must be in [0, " + MAX + "]", n);
        if (n == 0) {
            return UNITS[0];
        }
        int millions = n / 1_000_000;
        int thousands = n / 1000 % 1000;
        int rest = n % 1000;
        StringBuilder out = new StringBuilder();
        if (millions > 0) {
            // "million" is a noun: it takes an s, and the number before it keeps its own final s
            // ("quatre-vingts millions", "deux cents millions").
            out.append(belowThousand(millions, true)).append(millions == 1 ? " million" : " millions");
        }
        if (thousands > 0) {
            // "mille" is a numeral adjective, so "vingt" and "cent" before it lose their s
            // ("quatre-vingt mille", "deux cent mille"), and "un mille" is just "mille".
            space(out).append(thousands == 1 ? "mille" : belowThousand(thousands, false) + " mille");
        }
        if (rest > 0) {
            space(out).append(belowThousand(rest, true));
        }
        return out.toString();
    }

    /** 1..999; {@code last} says whether the group ends the number, which decides the plural s of vingt and cent. */
    private static String belowThousand(int n, boolean last) {
        int hundreds = n / 100;
        int tail = n % 100;
        StringBuilder out = new StringBuilder();
        if (hundreds > 0) {
            if (hundreds > 1) {
                out.append(UNITS[hundreds]).append(' ');
            }
            out.append(hundreds > 1 && tail == 0 && last ? "cents" : "cent");
        }
        if (tail > 0) {
            space(out).append(belowHundred(tail, last));
        }
        return out.toString();
    }

    private static String belowHundred(int n, boolean last) {
        if (n < 20) {
            return UNITS[n];
        }
        if (n < 70) {
            int unit = n % 10;
            String tens = TENS[n / 10];
            return unit == 0 ? tens : unit == 1 ? tens + " et un" : tens + "-" + UNITS[unit];
        }
        if (n < 80) { // soixante-dix .. soixante-dix-neuf, with "soixante et onze"
            return n == 71 ? "soixante et onze" : "soixante-" + UNITS[n - 60];
        }
        if (n == 80) {
            return last ? "quatre-vingts" : "quatre-vingt";
        }
        return "quatre-vingt-" + UNITS[n - 80]; // no "et": quatre-vingt-un, quatre-vingt-onze
    }

    private static StringBuilder space(StringBuilder out) {
        return out.isEmpty() ? out : out.append(' ');
    }
}
