package trainwell.core;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The language of the messages the library writes into a notebook: claim and check results, the
 * exercises' feedback, the experiments' progress lines, a run's stop message (diverged, stopped early) and the
 * titles of its summary tables (column names stay English: the lessons' code reads them). It lives in
 * {@code core}, the bottom layer, so that training can use it as well as the notebook helpers. The lessons'
 * own text comes from the notebook (the Chinese edition's notebooks are generated in {@code notebooks/zh/});
 * this class only decides the library's part, so a Chinese notebook does not print English verdicts.
 *
 * <p>Chosen without editing a notebook, in this order:
 * <ol>
 *   <li>the system property {@value #PROPERTY} ({@code en} or {@code zh}), e.g. set by a test;</li>
 *   <li>the environment variable {@value #ENV}, e.g. {@code COURSE_LANG=zh bin/start};</li>
 *   <li>the folder the kernel runs in: Jupyter starts a notebook's kernel in the notebook's folder, so a
 *       kernel started for a notebook of {@code notebooks/zh/} speaks Chinese, on every Java kernel;</li>
 *   <li>English.</li>
 * </ol>
 * A value other than {@code en} or {@code zh} is an error that names the setting and the value.
 */
public enum Language {
    /** English, the course's source language. */
    EN,
    /** Simplified Chinese (the Chinese edition). */
    ZH;

    /** The system property that chooses the language: {@value}. */
    public static final String PROPERTY = "trainwell.language";

    /** The environment variable that chooses the language: {@value}. */
    public static final String ENV = "COURSE_LANG";

    /** The language of this kernel's messages (read on every call: cheap, and a test may change it). */
    public static Language current() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return parse(PROPERTY, property);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return parse(ENV, env);
        }
        return ofFolder(Path.of("").toAbsolutePath());
    }

    /** The language a kernel started in {@code folder} speaks: Chinese in a {@code notebooks/zh} folder. */
    public static Language ofFolder(Path folder) {
        Path name = folder.getFileName();
        Path parent = folder.getParent();
        boolean zh = name != null && parent != null && parent.getFileName() != null
                && name.toString().equals("zh") && parent.getFileName().toString().equals("notebooks");
        return zh ? ZH : EN;
    }

    /**
     * The language a setting names: {@code en} or {@code zh} (case and surrounding blanks ignored; a
     * region such as {@code zh_CN} or {@code zh-Hans} counts as {@code zh}).
     *
     * @throws IllegalArgumentException naming the setting and its value when it is neither
     */
    public static Language parse(String setting, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("en") || v.startsWith("en_") || v.startsWith("en-")) {
            return EN;
        }
        if (v.equals("zh") || v.startsWith("zh_") || v.startsWith("zh-")) {
            return ZH;
        }
        throw new IllegalArgumentException(setting + " must be 'en' or 'zh', got '" + value + "'");
    }

    /** {@code english} or {@code chinese}, whichever is this kernel's language ({@link #current()}). */
    public static String text(String english, String chinese) {
        return current() == ZH ? chinese : english;
    }

    /** {@link #text} formatted with {@link String#format} (root locale: numbers read the same in both). */
    public static String format(String english, String chinese, Object... args) {
        return String.format(Locale.ROOT, text(english, chinese), args);
    }
}
