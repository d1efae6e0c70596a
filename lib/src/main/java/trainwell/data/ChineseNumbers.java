package trainwell.data;

import trainwell.core.Args;

/**
 * Writes whole numbers in Chinese numerals (simplified, everyday characters), grouped by four digits
 * with 万 (10^4) and 亿 (10^8): 796918 -> 七十九万六千九百一十八, 10010 -> 一万零一十.
 *
 * <p>Zeros: one 零 stands for each run of zeros between two written digits (also across a 万 or 亿
 * boundary); trailing zeros are not written. The "一" before 十 is dropped only when 十 starts the
 * whole number (10 -> 十, 15 -> 十五, 150000 -> 十五万), and kept elsewhere (110 -> 一百一十,
 * 10010 -> 一万零一十), as in ordinary speech and writing.
 */
public final class ChineseNumbers {

    /** The largest number this class writes. */
    public static final int MAX = 999_999_999;

    private static final char[] DIGITS = "零一二三四五六七八九".toCharArray();
    private static final char[] PLACES = {'千', '百', '十', 0};
    private static final String[] GROUPS = {"亿", "万", ""};

    private ChineseNumbers() {}

    /** The numerals for {@code n}, 0 to {@value #MAX}: 0 -> 零, 10 -> 十, 100000 -> 十万. */
    public static String numerals(int n) {
        Args.check(n >= 0 && n <= MAX, "n", "must be in [0, " + MAX + "]", n);
        if (n == 0) {
            return "零";
        }
        int[] groups = {n / 100_000_000, n / 10_000 % 10_000, n % 10_000};
        StringBuilder out = new StringBuilder();
        boolean zeroPending = false;
        for (int g = 0; g < groups.length; g++) {
            int[] digits = {groups[g] / 1000, groups[g] / 100 % 10, groups[g] / 10 % 10, groups[g] % 10};
            boolean groupWritten = false;
            for (int p = 0; p < 4; p++) {
                int d = digits[p];
                if (d == 0) {
                    zeroPending |= !out.isEmpty(); // a zero only matters once something has been written
                    continue;
                }
                if (zeroPending) {
                    out.append('零');
                    zeroPending = false;
                }
                boolean leadingTen = out.isEmpty() && d == 1 && PLACES[p] == '十';
                if (!leadingTen) {
                    out.append(DIGITS[d]);
                }
                if (PLACES[p] != 0) {
                    out.append(PLACES[p]);
                }
                groupWritten = true;
            }
            if (groupWritten) {
                out.append(GROUPS[g]);
            }
        }
        return out.toString();
    }
}
