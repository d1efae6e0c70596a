package trainwell.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import trainwell.core.Args;

/** A character-level tokenizer: one token per Unicode code point, vocabulary built from a corpus. */
public final class CharTokenizer implements Tokenizer {

    private final Vocabulary vocabulary;

    private CharTokenizer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** A tokenizer whose vocabulary is every character of {@code corpus}, sorted by code point after the specials. */
    public static CharTokenizer fit(String corpus) {
        Args.notNull("corpus", corpus);
        return fit(List.of(corpus));
    }

    /** A tokenizer whose vocabulary is every character of all {@code texts}, sorted by code point after the specials. */
    public static CharTokenizer fit(Collection<String> texts) {
        Args.notNull("texts", texts);
        TreeSet<Integer> codePoints = new TreeSet<>();
        for (String text : texts) {
            text.codePoints().forEach(codePoints::add);
        }
        List<String> tokens = new ArrayList<>(codePoints.size());
        for (int codePoint : codePoints) {
            tokens.add(Character.toString(codePoint));
        }
        return new CharTokenizer(Vocabulary.of(tokens));
    }

    /** A tokenizer over a given vocabulary (e.g. one saved with a model). */
    public static CharTokenizer with(Vocabulary vocabulary) {
        return new CharTokenizer(Args.notNull("vocabulary", vocabulary));
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public List<String> split(String text) {
        Args.notNull("text", text);
        return text.codePoints().mapToObj(Character::toString).toList();
    }

    @Override
    public String join(List<String> tokens) {
        return String.join("", tokens);
    }
}
