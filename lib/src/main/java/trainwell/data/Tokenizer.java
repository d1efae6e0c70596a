package trainwell.data;

import java.util.ArrayList;
import java.util.List;

/** Turns text into token ids and back, with a fixed {@link Vocabulary}. */
public interface Tokenizer {

    /** The vocabulary the ids refer to. */
    Vocabulary vocabulary();

    /** The text cut into tokens (before looking up ids). */
    List<String> split(String text);

    /** Tokens put back together into text (the inverse of {@link #split} up to spacing). */
    String join(List<String> tokens);

    /** The ids of the tokens of {@code text}, without {@code <bos>} or {@code <eos>}; unknown tokens get {@code <unk>}. */
    default int[] encode(String text) {
        List<String> tokens = split(text);
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary().id(tokens.get(i));
        }
        return ids;
    }

    /**
     * The text for {@code ids}: skips {@code <pad>} and {@code <bos>}, stops at the first {@code <eos>}
     * (so a model's raw output decodes directly), writes {@code <unk>} for unknown tokens.
     */
    default String decode(int[] ids) {
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            if (id == Vocabulary.EOS_ID) {
                break;
            }
            if (id != Vocabulary.PAD_ID && id != Vocabulary.BOS_ID) {
                tokens.add(vocabulary().token(id));
            }
        }
        return join(tokens);
    }
}
