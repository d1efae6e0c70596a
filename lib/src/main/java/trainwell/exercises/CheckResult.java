package trainwell.exercises;

import trainwell.core.Args;
import trainwell.core.Language;

/** The outcome of one check of a learner's answer, with the friendly message shown for it. */
public record CheckResult(String what, Outcome outcome, String message) {

    /** The three outcomes of a check. */
    public enum Outcome {
        /** The answer is right. */
        PASSED,
        /** The answer is still a placeholder ({@link Exercise#TODO}, {@link Exercise#notSolved()}). */
        NOT_SOLVED,
        /** The answer is wrong, or the learner's code threw an exception. */
        FAILED
    }

    /** Checks that nothing is missing. */
    public CheckResult {
        Args.notNull("what", what);
        Args.notNull("outcome", outcome);
        Args.notNull("message", message);
    }

    /** True when the answer is right. */
    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** True when the exercise still holds its placeholder. */
    public boolean notSolved() {
        return outcome == Outcome.NOT_SOLVED;
    }

    /** True when the answer is wrong. */
    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    /** The message as one Markdown line with a status mark, as shown in a notebook. */
    public String toMarkdown() {
        String mark = switch (outcome) {
            case PASSED -> "\u2705"; // green check mark
            case NOT_SOLVED -> "\u23F3"; // hourglass
            case FAILED -> "\u274C"; // cross
        };
        return mark + " **" + what + "**: " + message;
    }

    /** The message as plain text, e.g. "FAILED peak LR: expected 0.001, but got 0.01." */
    public String toText() {
        return outcome.name().replace('_', ' ') + " " + what + ": " + message.replace("`", "");
    }

    /**
     * A short status such as "check 'peak LR': passed". Kernels print the value of a cell's last
     * expression, so a check ending a cell shows this line under its message, not the whole record.
     */
    @Override
    public String toString() {
        if (Language.current() == Language.ZH) {
            return "检查 '" + what + "'：" + switch (outcome) {
                case PASSED -> "通过";
                case NOT_SOLVED -> "尚未完成";
                case FAILED -> "未通过";
            };
        }
        return "check '" + what + "': " + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
