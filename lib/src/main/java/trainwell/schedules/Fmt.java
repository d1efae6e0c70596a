package trainwell.schedules;

import java.util.Locale;

/** Short number formatting for schedule legends (e.g. 0.001, 1e-4, 6.99e-4). */
final class Fmt {

    private Fmt() {}

    /** A number in at most 4 significant digits, without trailing zeros or a padded exponent. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "");
        }
        String[] parts = String.format(Locale.ROOT, "%.3e", v).split("e");
        String mantissa = parts[0].replaceAll("\\.?0+$", "");
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }
}
