package trainwell.claims;

import trainwell.core.Args;
import trainwell.core.Language;

/**
 * The outcome of one claim: the lesson's sentence, whether this run's results bear it out, and what was
 * measured (for a failed claim, also what was expected).
 */
public record ClaimResult(String sentence, boolean holds, String measured, String expected) {

    /** Checks that nothing is missing. */
    public ClaimResult {
        Args.notNull("sentence", sentence);
        Args.check(!sentence.isBlank(), "sentence", "must not be blank", "\"" + sentence + "\"");
        Args.notNull("measured", measured);
        Args.notNull("expected", expected);
    }

    /** The claim as one Markdown line with a status mark, as shown in a notebook. */
    public String toMarkdown() {
        if (holds) {
            return "\u2714\uFE0F " + Language.text("**Claim holds:** ", "**断言成立：**") + sentence
                    + (measured.isEmpty() ? "" : Language.text(" (measured: " + measured + ")", "（测得：" + measured + "）"));
        }
        return "\u274C " + Language.text("**Claim does not hold:** " + sentence + " \u2014 expected " + expected + "; measured "
                + measured + ".", "**断言不成立：**" + sentence + " \u2014 预期 " + expected + "；测得 " + measured + "。");
    }

    /** The claim as plain text, e.g. "claim does not hold: ... expected x <= 1, measured x = 2". */
    public String toText() {
        return (holds ? "claim holds: " : "claim does not hold: ") + sentence
                + (holds ? (measured.isEmpty() ? "" : " (" + measured + ")") : " -- expected " + expected + "; measured " + measured);
    }

    /** A short status such as "claim 'Adam beats SGD': holds" (kernels echo a cell's last value). */
    @Override
    public String toString() {
        return Language.text("claim '" + sentence + "': " + (holds ? "holds" : "does not hold"),
                "断言 '" + sentence + "'：" + (holds ? "成立" : "不成立"));
    }
}
