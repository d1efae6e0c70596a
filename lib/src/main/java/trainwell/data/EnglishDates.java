package trainwell.data;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import trainwell.core.Args;

/**
 * Writes dates as spoken English, "the seventh of December, twenty fifteen", with years read the way
 * people say them: 1984 "nineteen eighty-four", 1905 "nineteen oh five", 1900 "nineteen hundred",
 * 2000 "two thousand", 2007 "two thousand seven", 2015 "twenty fifteen".
 */
public final class EnglishDates {

    /** The first year this class writes. */
    public static final int MIN_YEAR = 1100;
    /** The last year this class writes. */
    public static final int MAX_YEAR = 2099;

    private static final String[] ORDINAL_UNITS = {"", "first", "second", "third", "fourth", "fifth", "sixth",
        "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
        "sixteenth", "seventeenth", "eighteenth", "nineteenth"};

    private EnglishDates() {}

    /** The spoken form of {@code date}: 2015-12-07 -> "the seventh of December, twenty fifteen". */
    public static String words(LocalDate date) {
        Args.notNull("date", date);
        return "the " + ordinal(date.getDayOfMonth()) + " of "
                + date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", " + year(date.getYear());
    }

    /** The ordinal for a day of the month, 1..31: "first", "twenty-second", "thirtieth". */
    public static String ordinal(int day) {
        Args.check(day >= 1 && day <= 31, "day", "must be in [1, 31]", day);
        if (day < 20) {
            return ORDINAL_UNITS[day];
        }
        if (day % 10 == 0) { // twentieth, thirtieth: "ty" -> "tieth"
            return EnglishNumbers.TENS[day / 10].replaceAll("y$", "ieth");
        }
        return EnglishNumbers.TENS[day / 10] + "-" + ORDINAL_UNITS[day % 10];
    }

    /** A year as spoken, {@value #MIN_YEAR}..{@value #MAX_YEAR}: "nineteen eighty-four", "two thousand seven". */
    public static String year(int year) {
        Args.check(year >= MIN_YEAR && year <= MAX_YEAR, "year", "must be in [" + MIN_YEAR + ", " + MAX_YEAR + "]", year);
        int century = year / 100;
        int rest = year % 100;
        if (century == 20 && rest < 10) { // 2000..2009 are read as thousands, not "twenty oh seven"
            return rest == 0 ? "two thousand" : "two thousand " + EnglishNumbers.UNITS[rest];
        }
        String first = EnglishNumbers.belowHundred(century);
        if (rest == 0) {
            return first + " hundred";
        }
        return first + (rest < 10 ? " oh " : " ") + EnglishNumbers.belowHundred(rest);
    }
}
