package trainwell.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import trainwell.core.Args;

/**
 * A word-level tokenizer: words (letters and digits, with inner apostrophes as in "don't") and single
 * punctuation marks are tokens; whitespace separates. Build one with
 * {@code WordTokenizer.builder().minFrequency(2).maxWords(5000).fit(texts)}.
 */
public final class WordTokenizer implements Tokenizer {

    // A word is letters/digits with inner apostrophes; any other non-space character is a token by itself.
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}\\p{N}]+)*|[^\\s\\p{L}\\p{N}]");

    private final Vocabulary vocabulary;
    private final boolean lowercase;

    private WordTokenizer(Vocabulary vocabulary, boolean lowercase) {
        this.vocabulary = vocabulary;
        this.lowercase = lowercase;
    }

    /** Options for fitting a word tokenizer; defaults: lowercase, every word kept. */
    public static Builder builder() {
        return new Builder();
    }

    /** A lowercasing tokenizer that keeps every word of {@code texts}. */
    public static WordTokenizer fit(Collection<String> texts) {
        return builder().fit(texts);
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Whether text is lowercased before splitting. */
    public boolean lowercase() {
        return lowercase;
    }

    @Override
    public List<String> split(String text) {
        Args.notNull("text", text);
        Matcher matcher = TOKEN.matcher(lowercase ? text.toLowerCase(Locale.ROOT) : text);
        List<String> tokens = new ArrayList<>();
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /** Tokens separated by single spaces ("great , really !"): re-splitting gives the same tokens. */
    @Override
    public String join(List<String> tokens) {
        return String.join(" ", tokens);
    }

    /** Fitting options for a {@link WordTokenizer}. */
    public static final class Builder {
        private int minFrequency = 1;
        private int maxWords = Integer.MAX_VALUE;
        private boolean lowercase = true;

        private Builder() {}

        /** Keep only words seen at least {@code count} times (others become {@code <unk>}). */
        public Builder minFrequency(int count) {
            this.minFrequency = Args.positive("minFrequency", count);
            return this;
        }

        /** Keep at most {@code count} words, the most frequent (ties broken alphabetically), specials not counted. */
        public Builder maxWords(int count) {
            this.maxWords = Args.positive("maxWords", count);
            return this;
        }

        /** Whether to lowercase text before splitting (default true). */
        public Builder lowercase(boolean lowercase) {
            this.lowercase = lowercase;
            return this;
        }

        /** A tokenizer whose vocabulary is built from {@code texts}: most frequent words first. */
        public WordTokenizer fit(Collection<String> texts) {
            Args.notNull("texts", texts);
            WordTokenizer splitter = new WordTokenizer(Vocabulary.of(List.of()), lowercase);
            Map<String, Integer> counts = new HashMap<>();
            for (String text : texts) {
                for (String token : splitter.split(text)) {
                    counts.merge(token, 1, Integer::sum);
                }
            }
            List<String> words = counts.entrySet().stream()
                    .filter(e -> e.getValue() >= minFrequency)
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(maxWords)
                    .map(Map.Entry::getKey)
                    .toList();
            return new WordTokenizer(Vocabulary.of(words), lowercase);
        }
    }
}
