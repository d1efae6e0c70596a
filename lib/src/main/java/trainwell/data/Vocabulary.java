package trainwell.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import trainwell.core.Args;

/**
 * A fixed list of tokens and their ids. The four special tokens come first in every vocabulary, so
 * their ids are the same everywhere: {@code <pad>} = 0, {@code <bos>} = 1, {@code <eos>} = 2,
 * {@code <unk>} = 3.
 */
public final class Vocabulary {

    /** Padding token, id 0. */
    public static final String PAD = "<pad>";
    /** Beginning-of-sequence token, id 1. */
    public static final String BOS = "<bos>";
    /** End-of-sequence token, id 2. */
    public static final String EOS = "<eos>";
    /** Unknown-token token, id 3. */
    public static final String UNK = "<unk>";
    /** Id of {@code <pad>}. */
    public static final int PAD_ID = 0;
    /** Id of {@code <bos>}. */
    public static final int BOS_ID = 1;
    /** Id of {@code <eos>}. */
    public static final int EOS_ID = 2;
    /** Id of {@code <unk>}. */
    public static final int UNK_ID = 3;
    /** The special tokens, in id order. */
    public static final List<String> SPECIALS = List.of(PAD, BOS, EOS, UNK);

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>();
        for (int i = 0; i < this.tokens.size(); i++) {
            ids.put(this.tokens.get(i), i);
        }
    }

    /** The special tokens followed by {@code tokens} in the order given (duplicates and specials skipped). */
    public static Vocabulary of(Collection<String> tokens) {
        Args.notNull("tokens", tokens);
        Set<String> all = new LinkedHashSet<>(SPECIALS);
        for (String token : tokens) {
            all.add(Args.notNull("token", token));
        }
        return new Vocabulary(new ArrayList<>(all));
    }

    /** Number of tokens, specials included: the size of an embedding table or output layer. */
    public int size() {
        return tokens.size();
    }

    /** The id of {@code token}, or {@link #UNK_ID} if the vocabulary does not hold it. */
    public int id(String token) {
        return ids.getOrDefault(token, UNK_ID);
    }

    /** The token with id {@code id}. */
    public String token(int id) {
        Args.check(id >= 0 && id < tokens.size(), "id", "must be in [0, " + tokens.size() + ")", id);
        return tokens.get(id);
    }

    /** Whether the vocabulary holds {@code token}. */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** All tokens in id order, specials first. */
    public List<String> tokens() {
        return tokens;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary(" + size() + " tokens: " + String.join(" ", tokens.subList(0, Math.min(size(), 24)))
                + (size() > 24 ? " ..." : "") + ")";
    }
}
