package trainwell.data;

import trainwell.core.Args;

/** One example of a translation task: a source string and the target string a model should produce. */
public record TextPair(String source, String target) {

    /** Checks that neither side is null. */
    public TextPair {
        Args.notNull("source", source);
        Args.notNull("target", target);
    }

    /** The pair {@code source -> target}. */
    public static TextPair of(String source, String target) {
        return new TextPair(source, target);
    }

    @Override
    public String toString() {
        return source + " -> " + target;
    }
}
