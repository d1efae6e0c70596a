package trainwell.data;

import trainwell.core.Args;

/** A sentence with a class label, and the name of the collection it came from (e.g. "imdb"). */
public record LabelledSentence(String source, int label, String text) {

    /** Checks that the strings are not null and the label is not negative. */
    public LabelledSentence {
        Args.notNull("source", source);
        Args.nonNegative("label", label);
        Args.notNull("text", text);
    }
}
